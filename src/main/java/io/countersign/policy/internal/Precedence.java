package io.countersign.policy.internal;

import java.util.Comparator;

/**
 * Which of two matching policies governs (see docs/adr/0002-policy-precedence.md): higher priority,
 * then fewer wildcards, then more literal text, then more conditions, then the name that sorts
 * first. Names are unique, so the order is total and matching is deterministic.
 */
public final class Precedence {

    /** Orders the governing policy first. */
    public static final Comparator<CompiledPolicy> ORDER = Comparator.comparingInt(CompiledPolicy::priority)
            .reversed()
            .thenComparingInt(CompiledPolicy::wildcards)
            .thenComparing(
                    Comparator.comparingInt(CompiledPolicy::literalLength).reversed())
            .thenComparing(
                    Comparator.comparingInt(CompiledPolicy::conditionCount).reversed())
            .thenComparing(CompiledPolicy::name);

    private Precedence() {}

    /** Why {@code winner} governs rather than {@code loser}, both of which match. */
    public static String explain(CompiledPolicy winner, CompiledPolicy loser) {
        String other = "'" + loser.name() + "'";
        if (winner.priority() != loser.priority()) {
            return "priority " + winner.priority() + " beats " + other + " (priority " + loser.priority() + ")";
        }
        String tie = "same priority " + winner.priority() + " as " + other;
        if (winner.wildcards() != loser.wildcards()) {
            return tie + "; fewer wildcards win (" + winner.wildcards() + " against " + loser.wildcards() + ")";
        }
        if (winner.literalLength() != loser.literalLength()) {
            return tie + " and as many wildcards; more literal text wins (" + winner.literalLength()
                    + " characters against " + loser.literalLength() + ")";
        }
        if (winner.conditionCount() != loser.conditionCount()) {
            return tie + " and equally specific patterns; more conditions win (" + winner.conditionCount() + " against "
                    + loser.conditionCount() + ")";
        }
        return tie + " and equally specific; '" + winner.name() + "' comes first in alphabetical order";
    }
}
