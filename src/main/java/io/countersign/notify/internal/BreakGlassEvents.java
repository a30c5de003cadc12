package io.countersign.notify.internal;

import io.countersign.grant.Grant;
import io.countersign.grant.Grants;
import io.countersign.notify.EventType;
import io.countersign.notify.NotificationKind;
import io.countersign.notify.internal.NotificationOutbox.About;
import io.countersign.notify.internal.NotificationOutbox.Recipient;
import io.countersign.request.BreakGlassReview;
import io.countersign.request.BreakGlassReviewDelegateJoined;
import io.countersign.request.BreakGlassReviewOverdue;
import io.countersign.request.BreakGlassReviewed;
import io.countersign.request.BreakGlassReviews;
import io.countersign.request.BreakGlassUsed;
import io.countersign.request.Delegation;
import io.countersign.request.Participant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The webhook events of break-glass access ({@code breakglass.used}, {@code breakglass.reviewed},
 * {@code breakglass.review_overdue}), and the notifications of its review: each reviewer, and each
 * delegate in force who may review it for one (told for whom, each person once), is asked when access
 * is taken, a delegate also when their delegation starts while the review waits on their delegator,
 * and the policy's emergency list is told when nobody reviewed it in time. All in the
 * transaction of the change. Every one names the grant the use was given.
 */
@Component
class BreakGlassEvents {

    private final Outbox webhooks;
    private final NotificationOutbox notifications;
    private final Grants grants;
    private final BreakGlassReviews reviews;

    BreakGlassEvents(Outbox webhooks, NotificationOutbox notifications, Grants grants, BreakGlassReviews reviews) {
        this.webhooks = webhooks;
        this.notifications = notifications;
        this.grants = grants;
        this.reviews = reviews;
    }

    @EventListener
    void on(BreakGlassUsed event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requester", event.requester());
        data.put("resource", event.resource());
        data.put("account", event.account());
        data.put("policy", event.policy());
        data.put("duration", event.duration().toString());
        data.put("notified", event.notified());
        data.put("reviewers", event.reviewers());
        data.put(
                "reviewDueAt",
                event.reviewDueAt() == null ? null : event.reviewDueAt().toString());
        webhooks.publish(EventType.BREAKGLASS_USED, event, null, data);
        if (event.reviewDueAt() != null) {
            About about = new About(event.requestId(), event.grantId(), null);
            Map<String, Object> asked = NotificationOutbox.data(
                    "requester", event.requester(),
                    "resource", event.resource(),
                    "account", event.account(),
                    "duration", event.duration(),
                    "policy", event.policy(),
                    "justification", event.justification(),
                    "dueAt", event.reviewDueAt());
            notifications.notify(NotificationKind.BREAK_GLASS_REVIEW, recipients(event.reviewers()), about, asked);
            // a reviewer away who handed on their reviews would otherwise leave nobody told who can act
            for (Delegation delegation : reviews.delegatesToAsk(event)) {
                askDelegate(delegation.delegate(), delegation.delegator(), about, asked);
            }
        }
    }

    /** A delegation started while a review waited on its delegator: the delegate is asked as reviewers are. */
    @EventListener
    void on(BreakGlassReviewDelegateJoined event) {
        BreakGlassReview review = event.review();
        askDelegate(
                event.delegate(),
                event.onBehalfOf(),
                new About(review.requestId(), review.grantId(), null),
                NotificationOutbox.data(
                        "requester", review.requester(),
                        "resource", review.resource(),
                        "account", review.account(),
                        "policy", review.policy(),
                        "dueAt", review.dueAt()));
    }

    /** Asks a delegate to review a use, naming the reviewer they review it for. */
    private void askDelegate(Participant delegate, Participant reviewer, About about, Map<String, Object> asked) {
        Map<String, Object> data = new LinkedHashMap<>(asked);
        data.put("onBehalfOf", reviewer.username());
        notifications.notify(
                NotificationKind.BREAK_GLASS_REVIEW,
                List.of(new Recipient(delegate.id(), delegate.username())),
                about,
                data);
    }

    @EventListener
    void on(BreakGlassReviewed event) {
        BreakGlassReview review = event.review();
        Map<String, Object> data = about(review);
        data.put("reviewedBy", review.reviewedBy().username());
        data.put(
                "onBehalfOf",
                review.onBehalfOf() == null ? null : review.onBehalfOf().username());
        data.put("reviewedAt", review.reviewedAt().toString());
        data.put("late", review.late());
        webhooks.publish(EventType.BREAKGLASS_REVIEWED, event, null, data);
    }

    @EventListener
    void on(BreakGlassReviewOverdue event) {
        BreakGlassReview review = event.review();
        Map<String, Object> data = about(review);
        data.put("reviewers", review.reviewerNames());
        webhooks.publish(EventType.BREAKGLASS_REVIEW_OVERDUE, event, null, data);
        notifications.notify(
                NotificationKind.BREAK_GLASS_REVIEW_OVERDUE,
                recipients(review.notified()),
                new About(review.requestId(), (String) data.get("grantId"), null),
                NotificationOutbox.data(
                        "requester", review.requester(),
                        "resource", review.resource(),
                        "account", review.account(),
                        "policy", review.policy(),
                        "dueAt", review.dueAt(),
                        // whom the emergency list may chase: the reviewers resolved when access was taken
                        "reviewers", String.join(", ", review.reviewerNames())));
    }

    /**
     * What every event about a review says. A review does not keep its grant, which is looked up: it
     * was issued with the use, long before the review's events.
     */
    private Map<String, Object> about(BreakGlassReview review) {
        Map<String, Object> data = new LinkedHashMap<>();
        // replaces the event's own grant id, which it does not know, in the place the outbox gave it
        data.put("grantId", grants.forRequest(review.requestId()).map(Grant::id).orElse(null));
        data.put("requester", review.requester());
        data.put("resource", review.resource());
        data.put("account", review.account());
        data.put("policy", review.policy());
        data.put("dueAt", review.dueAt().toString());
        return data;
    }

    private static List<Recipient> recipients(List<Participant> people) {
        return people.stream().map(p -> new Recipient(p.id(), p.username())).toList();
    }
}
