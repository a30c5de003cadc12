package io.countersign.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a notification is about, and the subscription key a user chooses its channels by. The
 * {@link Notification#data()} of each kind:
 *
 * <ul>
 *   <li>{@code STEP_OPENED}: a step began waiting on the recipient; {@code stepName} (may be absent),
 *       {@code requiredApprovals}, {@code deadline} (the step's own; absent without a timeout),
 *       {@code decideBy} (when the step can no longer be decided: its deadline or the request's expiry,
 *       whichever comes first, as mail, chat and the request page name it; absent when neither is set,
 *       and from notifications queued before it was added).
 *   <li>{@code STEP_ESCALATED}: a step timed out, or can no longer get its approvals, and now also
 *       waits on the recipient; {@code stepName}, {@code deadline}, {@code decideBy} (as for
 *       {@code STEP_OPENED}).
 *   <li>{@code REQUEST_DECIDED}: the recipient's request ended; {@code outcome} is {@code APPROVED},
 *       {@code REJECTED}, {@code EXPIRED} or {@code CANCELLED}, {@code comment} what the decider wrote.
 *   <li>{@code GRANT_ENDING}: the recipient's access ends soon; {@code endsAt}, {@code resource},
 *       {@code account}.
 *   <li>{@code BREAK_GLASS_USED}: someone took emergency access and the recipient is on the
 *       policy's emergency list; {@code requester}, {@code resource}, {@code account}, {@code duration},
 *       {@code policy}, {@code justification}, and for a use that opened a review {@code dueAt} and
 *       {@code reviewers} (as {@code BREAK_GLASS_REVIEW_OVERDUE} has them; both absent from notifications
 *       queued before they were added).
 *   <li>{@code BREAK_GLASS_REVIEW}: emergency access was taken and the recipient is one of its
 *       reviewers; {@code requester}, {@code resource}, {@code account}, {@code duration}, {@code policy},
 *       {@code justification}, {@code dueAt}. A delegate in force who may review
 *       it for a reviewer is asked too, with {@code onBehalfOf} naming that reviewer, also when their
 *       delegation starts while the review waits (then without {@code duration} and {@code justification}).
 *   <li>{@code BREAK_GLASS_REVIEW_OVERDUE}: nobody reviewed a break-glass use in time and the
 *       recipient is on the policy's emergency list; {@code requester}, {@code resource},
 *       {@code account}, {@code policy}, {@code dueAt}, {@code reviewers} (the usernames of those
 *       asked to review it, comma-separated; absent from notifications queued before it was added).
 * </ul>
 */
public enum NotificationKind {
    STEP_OPENED,
    STEP_ESCALATED,
    REQUEST_DECIDED,
    GRANT_ENDING,
    BREAK_GLASS_USED,
    BREAK_GLASS_REVIEW,
    BREAK_GLASS_REVIEW_OVERDUE;

    /** The subscription key, such as {@code step_opened}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NotificationKind> fromKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(NotificationKind::key).toList();
    }
}
