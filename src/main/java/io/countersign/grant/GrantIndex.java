package io.countersign.grant;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The grants not yet ended, in memory, by holder name, resource and account: what the access check
 * answers from when nothing it holds may be behind the database. Knows nothing of how it is kept
 * current; whoever keeps it calls {@link #changed} for every key a committed change touched, {@link
 * #clear} when changes may have been missed, and reloads with {@link #stampOf} then {@link #install}
 * or {@link #loaded}: a load that a change overtook is discarded, so a key is clean only when its
 * grants were read after the last change to it was reported.
 *
 * <p>Times are the caller's: a grant that ended is not in force from the instant of its end, however
 * long ago the index read it.
 */
final class GrantIndex {

    /** What the index knows of one access now. */
    sealed interface Answer permits Unknown, InForce, NoneInForce {}

    /** Ask the database: the key may be behind it, the index is not loaded, or a first use must start a clock. */
    record Unknown() implements Answer {}

    record InForce(Grant grant) implements Answer {}

    record NoneInForce() implements Answer {}

    /** One access: a holder's name, a resource and an account, all canonical. */
    record Key(String user, String resource, String account) {

        static Key of(Grant grant) {
            return new Key(grant.user(), grant.resource(), grant.account());
        }

        // written out: every access check hashes a new key, and the record's generated hashCode ran
        // through method handles the JIT did not inline, a twelfth of the check's CPU in profiles
        @Override
        public int hashCode() {
            return (31 * user.hashCode() + resource.hashCode()) * 31 + account.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && user.equals(key.user)
                    && resource.equals(key.resource)
                    && account.equals(key.account);
        }
    }

    /** When a key or the whole index was last reset; a load read before it changed must be discarded. */
    record Stamp(long generation, long change) {}

    // grants null: the key changed and was not read since
    private record Entry(long change, List<Grant> grants) {}

    private static final Unknown UNKNOWN = new Unknown();
    private static final NoneInForce NONE = new NoneInForce();

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    // written under this object's lock, so that a load and a clear never interleave
    private volatile long generation;
    private volatile boolean loaded;

    /** The grant of {@code key} in force at {@code now}, as the database would answer it. */
    Answer lookup(Key key, Instant now) {
        if (!loaded) {
            return UNKNOWN;
        }
        Entry entry = entries.get(key);
        if (entry == null) {
            return NONE;
        }
        if (entry.grants() == null) {
            return UNKNOWN;
        }
        return inForce(entry.grants(), now)
                .<Answer>map(grant -> grant.awaitsFirstUse() ? UNKNOWN : new InForce(grant))
                .orElseGet(() -> claimMayBeInFlight(entry.grants(), now).isPresent() ? UNKNOWN : NONE);
    }

    /**
     * A grant never claimed whose claim window has closed by {@code now}: a check just before the close
     * may be claiming it, its claim not yet committed, so only the database can tell whether it is in
     * force (see {@link Grants#check}).
     */
    static Optional<Grant> claimMayBeInFlight(Collection<Grant> grants, Instant now) {
        return grants.stream()
                .filter(grant -> grant.awaitsFirstUse()
                        && grant.status() != GrantStatus.REVOKED
                        && !grant.endsAt().isAfter(now))
                .findFirst();
    }

    /**
     * The grant in force at {@code now} among {@code grants}: the one ending last of those started and
     * not yet ended or revoked, as the database's query orders them.
     */
    static Optional<Grant> inForce(Collection<Grant> grants, Instant now) {
        Grant best = null;
        for (Grant grant : grants) {
            boolean inForce = grant.status() != GrantStatus.REVOKED
                    && !grant.startsAt().isAfter(now)
                    && grant.endsAt().isAfter(now);
            if (inForce && (best == null || grant.endsAt().isAfter(best.endsAt()))) {
                best = grant;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A committed change touched {@code key}: answer it from the database until it is read again. */
    void changed(Key key) {
        long change = changes.incrementAndGet();
        entries.put(key, new Entry(change, null));
    }

    /** Changes may have been missed: nothing is answered until the next full load. */
    synchronized void clear() {
        loaded = false;
        generation++;
        entries.clear();
    }

    /** Take before reading a key's grants, to give to {@link #install}. */
    Stamp stampOf(Key key) {
        long gen = generation;
        Entry entry = entries.get(key);
        return new Stamp(gen, entry == null ? 0 : entry.change());
    }

    /** The grants of {@code key} not yet ended, read after {@code stamp} was taken; kept unless the key changed since. */
    void install(Key key, Stamp stamp, List<Grant> grants) {
        List<Grant> kept = List.copyOf(grants);
        entries.compute(key, (k, entry) -> {
            long change = entry == null ? 0 : entry.change();
            if (stamp.generation() != generation || stamp.change() != change) {
                return entry;
            }
            return kept.isEmpty() && entry == null ? null : new Entry(change, kept);
        });
    }

    /** Take before a full load, to give to {@link #loaded}. */
    long generation() {
        return generation;
    }

    /**
     * Every grant not yet ended, read after {@code generation} was taken: the index answers from now
     * on, except for keys that changed while it was read.
     */
    synchronized void loaded(long generation, Collection<Grant> grants) {
        if (generation != this.generation) {
            return;
        }
        Map<Key, List<Grant>> byKey = grants.stream().collect(Collectors.groupingBy(Key::of));
        // a key reported changed during the load keeps its mark: the load may have read it before the change
        byKey.forEach((key, list) -> entries.putIfAbsent(key, new Entry(0, List.copyOf(list))));
        loaded = true;
    }

    boolean isLoaded() {
        return loaded;
    }

    /** Forgets the grants that ended before {@code now}: they can never be in force again without a change. */
    void prune(Instant now) {
        entries.replaceAll((key, entry) -> entry.grants() == null
                ? entry
                : new Entry(
                        entry.change(),
                        entry.grants().stream()
                                .filter(grant -> grant.endsAt().isAfter(now))
                                .toList()));
        entries.values()
                .removeIf(entry -> entry.grants() != null && entry.grants().isEmpty());
    }

    int size() {
        return entries.size();
    }
}
