package io.countersign.chat.internal;

import io.countersign.chat.internal.ChatMessage.Fact;
import io.countersign.grant.Grant;
import io.countersign.grant.Grants;
import io.countersign.notify.Notification;
import io.countersign.notify.NotificationKind;
import io.countersign.request.AccessRequest;
import io.countersign.request.BreakGlassReview;
import io.countersign.request.BreakGlassReviews;
import io.countersign.request.RequestDetails;
import io.countersign.request.RequestStatus;
import io.countersign.request.RequestStep;
import io.countersign.request.Requests;
import io.countersign.request.StepApprover;
import io.countersign.shared.TimesForPeople;
import io.countersign.shared.settings.PublicAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says what a request is about the same way on every platform: who asks for which account on which
 * resource, for how long and why (and when, asked for a later time), which step waits on whom, the
 * deadline and the time left to it, and the request page. An extension says which grant it lengthens and when that ends, so that
 * nobody approves it as new access. A break-glass use, told to the emergency list, to review, or whose review went overdue, says what its
 * mail says ({@link #used}, {@link #toReview}, {@link #overdue}); its request's end, posted to a
 * channel whose messages cannot be edited (Teams), is that use again ({@link #usedAsOutcome}), never an
 * approval.
 */
@Component
class ChatComposer {

    private final Clock clock;
    private final Grants grants;
    private final BreakGlassReviews reviews;
    private final Requests requests;
    private final String baseUrl;

    ChatComposer(
            Clock clock,
            Grants grants,
            // the reviews' deadline scheduler runs the deliveries that reach this composer
            @Lazy BreakGlassReviews reviews,
            Requests requests,
            Environment environment) {
        this.clock = clock;
        this.grants = grants;
        this.reviews = reviews;
        this.requests = requests;
        this.baseUrl = PublicAddress.of(environment);
    }

    private String link(String requestId) {
        return baseUrl + "/requests/" + requestId;
    }

    /** The message a notification posts. */
    ChatMessage compose(Notification notification, AccessRequest request) {
        if (notification.kind() == NotificationKind.BREAK_GLASS_USED) {
            return used(notification, request);
        }
        if (notification.kind() == NotificationKind.BREAK_GLASS_REVIEW) {
            return toReview(notification, request);
        }
        if (notification.kind() == NotificationKind.BREAK_GLASS_REVIEW_OVERDUE) {
            return overdue(notification, request);
        }
        // to a channel, not to the requester: they read how their request ended, as their mail says it
        if (notification.kind() == NotificationKind.REQUEST_DECIDED
                && notification.recipientId() == null
                && request.details().breakGlass()) {
            return usedAsOutcome(request);
        }
        if (notification.kind() == NotificationKind.REQUEST_DECIDED || request.status() != RequestStatus.PENDING) {
            return closed(request);
        }
        String headline = (notification.kind() == NotificationKind.STEP_ESCALATED ? "Escalated: " : "")
                + asks(request.details()) + " (" + request.id() + ")";
        RequestStep step = request.steps().get(request.currentStep());
        return new ChatMessage(
                headline, openFacts(request), link(request.id()), true, null, new ChatMessage.Ask(request.id(), step));
    }

    /** A message about the request as it stands once nothing more is asked of its readers at this step. */
    ChatMessage closed(AccessRequest request) {
        String outcome = outcome(request);
        List<Fact> facts = basics(request);
        facts.add(new Fact("Outcome", outcome));
        return new ChatMessage(
                asks(request.details()) + " (" + request.id() + "): " + outcome,
                facts,
                link(request.id()),
                false,
                outcome,
                null);
    }

    /**
     * A break-glass use told to the policy's emergency list as its mail tells them: access was taken
     * without approval, so the request is no news to approve or to read as approved "by system"; what
     * is news is who took what, and the review that follows, by when and by whom, so that the reader
     * knows whom to chase.
     */
    private ChatMessage used(Notification notification, AccessRequest request) {
        // both absent under a block without reviews, and from a notice queued before it named them
        String reviewers =
                notification.data().get("reviewers") instanceof String names && !names.isBlank() ? names : null;
        String policy = "policy '" + request.details().policyName() + "' lists you for emergency access";
        return taken(request, notification.instant("dueAt"), reviewers, policy);
    }

    /**
     * A break-glass use told as its request's end, to whoever hears how requests end rather than to the
     * emergency list: the use and its review as it stands, read from the review itself.
     */
    private ChatMessage usedAsOutcome(AccessRequest request) {
        Optional<BreakGlassReview> review = reviews.of(request.id());
        String reviewers = review.map(r -> String.join(", ", r.reviewerNames()))
                .filter(names -> !names.isBlank())
                .orElse(null);
        return taken(request, review.map(BreakGlassReview::dueAt).orElse(null), reviewers, null);
    }

    /** Who took what without approval, and the review that follows; {@code toldBecause} null leaves that out. */
    private ChatMessage taken(AccessRequest request, Instant due, String reviewers, String toldBecause) {
        RequestDetails d = request.details();
        String headline = "Break-glass access taken: " + d.requester() + " took break-glass access to " + d.account()
                + " on " + d.resource() + " without approval (" + request.id() + ")";
        List<Fact> facts = basics(request);
        if (due != null) {
            facts.add(new Fact("Review due", TimesForPeople.relative(due, clock.instant())));
        }
        if (reviewers != null) {
            facts.add(new Fact("Asked to review", reviewers));
        }
        if (toldBecause != null) {
            facts.add(new Fact("Told because", toldBecause));
        }
        if (due != null) {
            facts.add(new Fact("How to review", reviewerRecords(request)));
        }
        return new ChatMessage(headline, facts, link(request.id()), true, null, null);
    }

    /**
     * A break-glass use its reader is asked to review, as its mail asks: access granted at once leaves
     * nothing to approve, only a review to record on the request page (or through the API), which no
     * chat button records. A delegate reads for which reviewer they review it.
     */
    private ChatMessage toReview(Notification notification, AccessRequest request) {
        RequestDetails d = request.details();
        Instant due = notification.instant("dueAt");
        boolean overdue = due != null && !due.isAfter(clock.instant());
        String headline = (overdue ? "Overdue review: " : "To review: ") + d.requester()
                + " took break-glass access to " + d.account() + " on " + d.resource() + " without approval ("
                + request.id() + ")";
        List<Fact> facts = basics(request);
        String policy = "policy '" + d.policyName() + "' names ";
        facts.add(new Fact(
                "Reviewer",
                notification.data().get("onBehalfOf") instanceof String reviewer
                        ? policy + reviewer + " as a reviewer, who delegated to you: you may review it on behalf of "
                                + reviewer
                        : policy + "you as a reviewer"));
        if (due != null) {
            facts.add(new Fact(
                    "Review due",
                    overdue
                            ? TimesForPeople.at(due) + " (overdue: please review it now)"
                            : TimesForPeople.relative(due, clock.instant())));
        }
        facts.add(new Fact(
                "How to review",
                "record the review on the request page, or POST /api/v1/requests/" + request.id() + "/review"));
        return new ChatMessage(headline, facts, link(request.id()), true, null, null);
    }

    /**
     * A break-glass use nobody reviewed in time, told to the policy's emergency list as its mail tells
     * them: the access was granted long ago, so the request is no news; what is news is the review
     * missing since its deadline, and who was asked for it, so that the reader knows whom to chase.
     */
    private ChatMessage overdue(Notification notification, AccessRequest request) {
        RequestDetails d = request.details();
        Instant due = notification.instant("dueAt");
        String headline = "Review overdue: nobody reviewed the break-glass access " + d.requester() + " took to "
                + d.account() + " on " + d.resource() + " in time (" + request.id() + ")";
        List<Fact> facts = basics(request);
        if (due != null) {
            facts.add(new Fact("Overdue since", TimesForPeople.relative(due, clock.instant())));
        }
        // absent from a notice queued before it named them; the request page still shows them
        if (notification.data().get("reviewers") instanceof String reviewers && !reviewers.isBlank()) {
            facts.add(new Fact("Asked to review", reviewers));
        }
        facts.add(new Fact("Told because", "policy '" + d.policyName() + "' lists you for emergency access"));
        facts.add(new Fact("How to review", reviewerRecords(request)));
        return new ChatMessage(headline, facts, link(request.id()), true, null, null);
    }

    /** Where a reviewer records the review, told to someone who may not be one. */
    private static String reviewerRecords(AccessRequest request) {
        return "a reviewer records the review on the request page, or POST /api/v1/requests/" + request.id()
                + "/review";
    }

    private static String asks(RequestDetails d) {
        return d.isExtension()
                ? d.requester() + " asks to extend grant " + d.extendsGrant() + " (" + d.account() + " on "
                        + d.resource() + ") by " + human(d.duration())
                : d.requester() + " asks for " + d.account() + " on " + d.resource();
    }

    private List<Fact> openFacts(AccessRequest request) {
        List<Fact> facts = basics(request);
        // only while undecided: a start already passed then means approving starts the access at once
        Instant startsAt = request.details().startsAt();
        if (startsAt != null) {
            facts.add(new Fact("Starts", TimesForPeople.starts(startsAt, clock.instant())));
        }
        RequestStep step = request.steps().get(request.currentStep());
        String stepName = step.name() == null ? "" : ": " + step.name();
        facts.add(new Fact("Step", (step.index() + 1) + " of " + request.steps().size() + stepName));
        // the count in the label: a long list is what a platform's limit cuts short
        facts.add(new Fact(
                "Who may approve (" + step.requiredApprovals() + " needed)",
                requests.approversNow(request).stream().map(StepApprover::named).collect(Collectors.joining(", "))));
        // as the approver's mail writes it, so that both say the same of the same deadline
        facts.add(new Fact(
                "Deadline",
                TimesForPeople.relative(step.decideBy(request.details().expiresAt()), clock.instant())));
        return facts;
    }

    private List<Fact> basics(AccessRequest request) {
        RequestDetails d = request.details();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Requester", d.requester()));
        facts.add(new Fact("Resource", d.resource()));
        facts.add(new Fact("Account", d.account()));
        if (d.isExtension()) {
            facts.add(new Fact("Extends", extended(request)));
        }
        facts.add(new Fact("Duration", human(d.duration()) + (d.isExtension() ? " more" : "")));
        if (d.justification() != null) {
            facts.add(new Fact("Why", d.justification()));
        }
        if (d.ticket() != null) {
            facts.add(new Fact("Ticket", d.ticket()));
        }
        return facts;
    }

    /** The grant an extension lengthens, with its end as it stands now: after approval, the new end. */
    private String extended(AccessRequest request) {
        String grant = "grant " + request.details().extendsGrant();
        Instant end = grants.extendedBy(request).map(Grant::endsAt).orElse(null);
        if (end == null) {
            return grant;
        }
        Instant now = clock.instant();
        // as mail writes it: a grant that ran out before a retried message left says how long ago
        return grant + (end.isAfter(now) ? ", ending at " : ", which ended at ") + TimesForPeople.relative(end, now);
    }

    private static String outcome(AccessRequest request) {
        if (request.status() == RequestStatus.PENDING) {
            return "step " + request.currentStep() + " of " + request.steps().size() + " is done; now waiting on step "
                    + (request.currentStep() + 1);
        }
        String by = request.decisions().isEmpty()
                ? ""
                : " by "
                        + request.decisions()
                                .get(request.decisions().size() - 1)
                                .approver();
        String status = request.status().name().toLowerCase(Locale.ROOT);
        return switch (request.status()) {
            case APPROVED, REJECTED -> status + by;
            default -> status;
        };
    }

    /** As pages write a duration ("1 hour 30 minutes"); one already past reads as none left. */
    static String human(Duration d) {
        return TimesForPeople.lasting(d.isNegative() ? Duration.ZERO : d);
    }
}
