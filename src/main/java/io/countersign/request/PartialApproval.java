package io.countersign.request;

import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Problems;
import java.time.Duration;
import java.util.List;

/**
 * An approver may allow less time than was asked, never more; the grant gets the shortest duration
 * any approver allowed (docs/adr/0015-partial-approval-and-grant-extensions.md).
 */
final class PartialApproval {

    private PartialApproval() {}

    /**
     * @param allowed what the approver allows, null for what was asked
     * @throws InvalidInputException when {@code allowed} is not positive or longer than was asked
     */
    static void check(Duration allowed, Duration asked) {
        if (allowed == null) {
            return;
        }
        Problems problems = new Problems();
        checkPositive(problems, allowed);
        problems.throwIfAny();
        if (allowed.compareTo(asked) > 0) {
            throw InvalidInputException.of(
                    "duration", "more_than_requested", "must not be longer than the " + asked + " that was requested");
        }
    }

    /**
     * Adds a problem when {@code allowed} is given and is not a positive whole number of seconds; what
     * was asked is judged later.
     */
    static void checkPositive(Problems problems, Duration allowed) {
        if (allowed != null) {
            problems.positiveWholeSeconds(allowed, "duration");
        }
    }

    /**
     * The shortest duration any approval that still counts allowed, or what was asked when none of
     * them allowed less: an approval withdrawn when its approver left no longer speaks for anyone.
     */
    static Duration granted(Duration asked, List<Decision> decisions) {
        Duration granted = asked;
        for (Decision decision : decisions) {
            if (decision.counts()
                    && decision.allowed() != null
                    && decision.allowed().compareTo(granted) < 0) {
                granted = decision.allowed();
            }
        }
        return granted;
    }
}
