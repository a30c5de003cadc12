package io.countersign.policy;

import java.time.Duration;
import java.util.List;

/**
 * What the governing policy allows in an emergency: a break-glass request is approved at once for at
 * most {@code maxDuration}, and the users in {@code notified} (its notify selectors resolved today, the
 * requester left out) are told of it. {@code reviewers} (its reviewer selectors resolved today, the
 * requester left out) are to review each use within {@code reviewWithin}; that is null for a block
 * stored before reviews existed, whose uses open no review.
 */
public record BreakGlassPlan(
        Duration maxDuration, List<String> notified, List<String> reviewers, Duration reviewWithin) {

    /** Why a use is refused when it would be reviewed and nobody could review it. */
    public static final String NO_REVIEWER = "no_reviewer";

    public BreakGlassPlan {
        reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
    }

    /** A plan whose uses open no review. */
    public BreakGlassPlan(Duration maxDuration, List<String> notified) {
        this(maxDuration, notified, List.of(), null);
    }

    /** Whether each use opens a review. */
    public boolean isReviewed() {
        return reviewWithin != null;
    }

    /** Whether each use would be reviewed and nobody other than the requester could review it now. */
    public boolean lacksReviewer() {
        return isReviewed() && reviewers.isEmpty();
    }
}
