package io.countersign.policy.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The enabled policies, ordered by {@link Precedence} and indexed by the longest literal anchor of
 * their patterns, so that a match looks only at the few policies that can possibly apply instead of
 * trying every pattern. Each policy is filed once, under the longest of: the literal prefix of its
 * resource pattern, the literal suffix of its resource pattern, the literal prefix or suffix of its
 * account pattern; policies with no literal anchor at all ({@code *}, {@code ?-*}) go to a residue
 * bucket that every match scans. Candidates are tried best-first by precomputed rank, so the first
 * one whose conditions all hold is the governing policy. Immutable and safe to share.
 */
public final class PolicyIndex {

    private final CompiledPolicy[] ranked;
    private final LiteralTrie resourcePrefixes;
    private final LiteralTrie resourceSuffixes;
    private final LiteralTrie accountPrefixes;
    private final LiteralTrie accountSuffixes;
    private final int[] residue;

    private PolicyIndex(Collection<CompiledPolicy> policies) {
        this.ranked = policies.stream()
                .filter(CompiledPolicy::enabled)
                .sorted(Precedence.ORDER)
                .toArray(CompiledPolicy[]::new);
        LiteralTrie.Builder resourcePrefix = LiteralTrie.builder();
        LiteralTrie.Builder resourceSuffix = LiteralTrie.builder();
        LiteralTrie.Builder accountPrefix = LiteralTrie.builder();
        LiteralTrie.Builder accountSuffix = LiteralTrie.builder();
        List<Integer> unanchored = new ArrayList<>();
        for (int rank = 0; rank < ranked.length; rank++) {
            CompiledPolicy policy = ranked[rank];
            Glob resource = policy.resourceGlob();
            Glob account = policy.accountGlob();
            String rp = resource == null ? "" : resource.literalPrefix();
            String rs = resource == null || resource.isExact() ? "" : resource.literalSuffix();
            String ap = account == null ? "" : account.literalPrefix();
            String as = account == null || account.isExact() ? "" : account.literalSuffix();
            int longest = Math.max(Math.max(rp.length(), rs.length()), Math.max(ap.length(), as.length()));
            if (longest == 0) {
                unanchored.add(rank);
            } else if (rp.length() == longest) {
                resourcePrefix.add(rp, false, rank);
            } else if (rs.length() == longest) {
                resourceSuffix.add(rs, true, rank);
            } else if (ap.length() == longest) {
                accountPrefix.add(ap, false, rank);
            } else {
                accountSuffix.add(as, true, rank);
            }
        }
        this.resourcePrefixes = resourcePrefix.build();
        this.resourceSuffixes = resourceSuffix.build();
        this.accountPrefixes = accountPrefix.build();
        this.accountSuffixes = accountSuffix.build();
        this.residue = unanchored.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Indexes the enabled ones among {@code policies}; disabled policies never match. */
    public static PolicyIndex of(Collection<CompiledPolicy> policies) {
        return new PolicyIndex(policies);
    }

    public static PolicyIndex empty() {
        return new PolicyIndex(List.of());
    }

    /** The governing policy for the subject, if any enabled policy matches. */
    public Optional<CompiledPolicy> governing(MatchSubject subject) {
        List<CompiledPolicy> found = matching(subject, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Up to {@code limit} matching policies, the governing one first, then in order of precedence. */
    public List<CompiledPolicy> matching(MatchSubject subject, int limit) {
        List<int[]> buckets = new ArrayList<>(4);
        resourcePrefixes.collect(subject.resource(), false, buckets);
        resourceSuffixes.collect(subject.resource(), true, buckets);
        accountPrefixes.collect(subject.account(), false, buckets);
        accountSuffixes.collect(subject.account(), true, buckets);
        if (residue.length > 0) {
            buckets.add(residue);
        }
        List<CompiledPolicy> found = new ArrayList<>(Math.min(limit, 4));
        int[] cursors = new int[buckets.size()];
        while (found.size() < limit) {
            // merge the sorted buckets: the smallest rank left over all of them is the next best candidate
            int bestBucket = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int b = 0; b < cursors.length; b++) {
                int[] bucket = buckets.get(b);
                if (cursors[b] < bucket.length && bucket[cursors[b]] < bestRank) {
                    bestRank = bucket[cursors[b]];
                    bestBucket = b;
                }
            }
            if (bestBucket < 0) {
                break;
            }
            cursors[bestBucket]++;
            CompiledPolicy candidate = ranked[bestRank];
            if (candidate.matches(subject)) {
                found.add(candidate);
            }
        }
        return found;
    }

    /** Every enabled policy, the one that would govern a request matched by all first. */
    public List<CompiledPolicy> ranked() {
        return List.of(ranked);
    }

    public int size() {
        return ranked.length;
    }
}
