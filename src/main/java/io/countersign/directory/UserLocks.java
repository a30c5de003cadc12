package io.countersign.directory;

import io.countersign.directory.UserStore.Known;
import io.countersign.shared.database.Pipeline;
import io.countersign.shared.database.Pipelined;
import io.countersign.shared.database.ShareLock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Locks of users' rows, each read by the lock rather than from a cache: whatever grants or hands on
 * something that a deactivation, a deletion or a role change ends takes one, and those changes hold
 * the row while they end it, so neither can slip past the other. What a lock read is remembered by
 * {@link UserStore} for the rest of the transaction.
 */
@Component
class UserLocks {

    private final UserStore store;
    private final ShareLock shareLock;
    private final Pipeline pipeline;

    UserLocks(UserStore store, ShareLock shareLock, Pipeline pipeline) {
        this.store = store;
        this.shareLock = shareLock;
        this.pipeline = pipeline;
    }

    /**
     * Locks the user's row against change (an offboarding waits, or is seen); true when the user
     * exists and is active.
     */
    boolean lockActive(String userId) {
        return pipeline.one(activeLock(userId));
    }

    Pipelined<Boolean> activeLock(String userId) {
        return lock(
                "id",
                userId,
                locked -> locked.map(known -> known.user().active()).orElse(false));
    }

    /** As {@link #lockActive}, by username; the user's id when they exist and are active. */
    Optional<String> lockActiveNamed(String username) {
        return pipeline.one(activeNamedLock(username));
    }

    Pipelined<Optional<String>> activeNamedLock(String username) {
        return lock("username", username, shareLock.clause(), activeId(username));
    }

    /** As {@link #lockActiveNamed} for several users, in username order: each that exists, as the lock read it. */
    Map<String, User> lockNamed(Collection<String> usernames) {
        List<Pipelined<Optional<Known>>> locks = new TreeSet<>(usernames)
                .stream().map(name -> lock("username", name, remembered(name))).toList();
        pipeline.run(List.copyOf(locks));
        Map<String, User> locked = new HashMap<>();
        locks.forEach(
                lock -> lock.answer().ifPresent(known -> locked.put(known.user().username(), known.user())));
        return locked;
    }

    /** As {@link #lockActiveNamed}, excluding every other lock of the row but a reference's. */
    Optional<String> lockActiveNamedAlone(String username) {
        return pipeline.one(activeNamedAloneLock(username));
    }

    Pipelined<Optional<String>> activeNamedAloneLock(String username) {
        return lock("username", username, shareLock.aloneClause(), activeId(username));
    }

    private Function<Optional<Known>, Optional<String>> activeId(String username) {
        return remembered(username)
                .andThen(locked -> locked.filter(known -> known.user().active()).map(Known::id));
    }

    /** What a lock by name read, found or not, is what holds until the transaction ends. */
    private Function<Optional<Known>, Optional<Known>> remembered(String username) {
        return locked -> {
            store.remember(username, locked);
            return locked;
        };
    }

    private <T> Pipelined<T> lock(String column, String value, Function<Optional<Known>, T> answer) {
        return lock(column, value, shareLock.clause(), answer);
    }

    private <T> Pipelined<T> lock(String column, String value, String clause, Function<Optional<Known>, T> answer) {
        return Pipelined.query(
                "select id, " + UserStore.COLUMNS + " from users where " + column + " = ? " + clause,
                List.of(value),
                rs -> {
                    Optional<Known> locked = rs.next()
                            ? Optional.of(new Known(rs.getString("id"), UserStore.map(rs)))
                            : Optional.empty();
                    // what the lock read is what holds until the transaction ends: later lookups by name use it
                    locked.ifPresent(known -> store.remember(known.user().username(), locked));
                    return answer.apply(locked);
                });
    }
}
