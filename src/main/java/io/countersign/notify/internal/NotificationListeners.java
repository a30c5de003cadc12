package io.countersign.notify.internal;

import io.countersign.notify.NotificationKind;
import io.countersign.notify.NotificationRoutes;
import io.countersign.notify.internal.NotificationOutbox.About;
import io.countersign.notify.internal.NotificationOutbox.Recipient;
import io.countersign.request.AccessRequest;
import io.countersign.request.BreakGlassUsed;
import io.countersign.request.Decision;
import io.countersign.request.Delegation;
import io.countersign.request.Participant;
import io.countersign.request.RequestApproved;
import io.countersign.request.RequestCancelled;
import io.countersign.request.RequestDelegateJoined;
import io.countersign.request.RequestExpired;
import io.countersign.request.RequestRejected;
import io.countersign.request.RequestStatus;
import io.countersign.request.RequestStep;
import io.countersign.request.RequestStepEscalated;
import io.countersign.request.RequestStepStarted;
import io.countersign.request.Requests;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Decides who must be told what when a request moves, in the transaction of the change. The request
 * is read back as that transaction left it, so that a step already decided again within it (an
 * automatic approval, a step nobody can approve) tells nobody, and separation of duties keeps a
 * requester from being asked to approve their own request.
 */
@Component
class NotificationListeners {

    private final NotificationOutbox outbox;
    private final NotificationSenders senders;
    private final Requests requests;
    private final Clock clock;
    private final List<NotificationRoutes> routing;

    NotificationListeners(
            NotificationOutbox outbox,
            NotificationSenders senders,
            Requests requests,
            Clock clock,
            List<NotificationRoutes> routing) {
        this.routing = routing;
        this.outbox = outbox;
        this.senders = senders;
        this.requests = requests;
        this.clock = clock;
    }

    /**
     * The request as the change's transaction left it. An event about a request that does not exist
     * tells nobody without failing the change that published it.
     */
    private Optional<AccessRequest> find(String requestId) {
        return requests.find(requestId);
    }

    /** Each approver the opened step now waits on. */
    @EventListener
    void on(RequestStepStarted event) {
        if (!senders.any()) {
            return;
        }
        find(event.requestId()).ifPresent(request -> {
            List<Recipient> told =
                    withDelegates(request, event.step(), awaitingAt(request, event.step(), p -> true), p -> true);
            outbox.notify(
                    NotificationKind.STEP_OPENED,
                    told,
                    new About(request.id(), event.extendsGrant(), event.step()),
                    NotificationOutbox.data(
                            "stepName", event.stepName(),
                            "requiredApprovals", event.requiredApprovals(),
                            "deadline", event.deadline(),
                            "decideBy", decideBy(request, event.deadline())),
                    told.isEmpty() ? List.of() : routes(NotificationKind.STEP_OPENED, request, event.step(), told));
        });
    }

    /** A delegation started while the step waited on its delegator: the delegate is told as approvers are. */
    @EventListener
    void on(RequestDelegateJoined event) {
        if (!senders.any()) {
            return;
        }
        find(event.requestId()).ifPresent(request -> {
            RequestStep step = request.steps().get(event.step());
            List<Recipient> told = List.of(
                    new Recipient(event.delegate().id(), event.delegate().username()));
            outbox.notify(
                    NotificationKind.STEP_OPENED,
                    told,
                    new About(request.id(), request.details().extendsGrant(), event.step()),
                    NotificationOutbox.data(
                            "stepName", step.name(),
                            "requiredApprovals", step.requiredApprovals(),
                            "deadline", step.deadline(),
                            "decideBy", decideBy(request, step.deadline()),
                            "onBehalfOf", event.onBehalfOf().username()),
                    routes(NotificationKind.STEP_OPENED, request, event.step(), told));
        });
    }

    /**
     * The approvers told of an opened step, and the delegates of any of the step's approvers
     * {@code among} selects whose delegation is in force and lets them decide it, each person once.
     */
    private List<Recipient> withDelegates(
            AccessRequest request, int opened, List<Recipient> approvers, Predicate<Participant> among) {
        if (request.status() != RequestStatus.PENDING || request.currentStep() != opened) {
            return approvers;
        }
        RequestStep step = request.steps().get(request.currentStep());
        List<String> approverIds =
                step.approvers().stream().filter(among).map(Participant::id).toList();
        Map<String, Recipient> all = new LinkedHashMap<>();
        approvers.forEach(r -> all.put(r.id(), r));
        for (Delegation delegation : requests.delegationsFrom(approverIds)) {
            Participant delegate = delegation.delegate();
            if (request.awaits(delegate.id(), clock.instant(), List.of(delegation))) {
                all.putIfAbsent(delegate.id(), new Recipient(delegate.id(), delegate.username()));
            }
        }
        return List.copyOf(all.values());
    }

    /**
     * Only the approvers the escalation added, and their delegates in force; the others were told
     * when the step opened.
     */
    @EventListener
    void on(RequestStepEscalated event) {
        if (!senders.any()) {
            return;
        }
        find(event.requestId()).ifPresent(request -> {
            Predicate<Participant> added = p -> event.addedApprovers().contains(p.username());
            List<Recipient> told =
                    withDelegates(request, event.step(), awaitingAt(request, event.step(), added), added);
            outbox.notify(
                    NotificationKind.STEP_ESCALATED,
                    told,
                    new About(request.id(), event.extendsGrant(), event.step()),
                    NotificationOutbox.data(
                            "stepName", event.stepName(),
                            "deadline", event.deadline(),
                            "decideBy", decideBy(request, event.deadline())),
                    told.isEmpty() ? List.of() : routes(NotificationKind.STEP_ESCALATED, request, event.step(), told));
        });
    }

    @EventListener
    void on(RequestApproved event) {
        // the requester hears what the approver who completed it wrote, or why it needed nobody
        String comment = event.autoApprovedBecause() != null
                ? event.autoApprovedBecause()
                : find(event.requestId())
                        .flatMap(request -> request.decisions().stream()
                                .filter(Decision::isApproval)
                                .reduce((earlier, later) -> later))
                        .map(Decision::comment)
                        .orElse(null);
        decided(
                event.actor(),
                event.requestId(),
                event.grantId(),
                "APPROVED",
                comment,
                "grantedDuration",
                event.grantedDuration(),
                "requestedDuration",
                event.duration());
    }

    /** Everyone on the policy's emergency list learns at once that break-glass access was taken. */
    @EventListener
    void on(BreakGlassUsed event) {
        if (!senders.any()) {
            return;
        }
        find(event.requestId()).ifPresent(request -> {
            List<Recipient> told = event.notified().stream()
                    .map(p -> new Recipient(p.id(), p.username()))
                    .toList();
            outbox.notify(
                    NotificationKind.BREAK_GLASS_USED,
                    told,
                    new About(request.id(), event.grantId(), null),
                    NotificationOutbox.data(
                            "requester", event.requester(),
                            "resource", event.resource(),
                            "account", event.account(),
                            "duration", event.duration(),
                            "policy", event.policy(),
                            "justification", event.justification(),
                            // what the list may expect next: a review by then, by these, which they may chase
                            "dueAt", event.reviewDueAt(),
                            "reviewers", reviewers(event)),
                    routes(NotificationKind.BREAK_GLASS_USED, request, 0, told));
        });
    }

    /** The usernames of a use's reviewers, comma-separated; null for a use that opened no review. */
    private static String reviewers(BreakGlassUsed event) {
        return event.reviewDueAt() == null || event.reviewers().isEmpty()
                ? null
                : String.join(
                        ", ",
                        event.reviewers().stream().map(Participant::username).toList());
    }

    @EventListener
    void on(RequestRejected event) {
        decided(event.actor(), event.requestId(), event.extendsGrant(), "REJECTED", event.comment());
    }

    @EventListener
    void on(RequestExpired event) {
        decided(event.actor(), event.requestId(), event.extendsGrant(), "EXPIRED", null);
    }

    @EventListener
    void on(RequestCancelled event) {
        decided(event.actor(), event.requestId(), event.extendsGrant(), "CANCELLED", event.comment());
    }

    /**
     * The requester learns how their request ended, unless they ended it themself; {@code grantId} is
     * the grant an approval issued or an extension request would extend (null for the other ends of a
     * request for new access), and {@code more} adds keys and values to the notification's data.
     */
    private void decided(Actor by, String requestId, String grantId, String outcome, String comment, Object... more) {
        if (!senders.any()) {
            return;
        }
        AccessRequest request = find(requestId).orElse(null);
        if (request == null) {
            return;
        }
        String requesterId = request.details().requesterId();
        Map<String, Object> data = NotificationOutbox.data("outcome", outcome, "comment", comment, "by", by.username());
        data.putAll(NotificationOutbox.data(more));
        boolean ownAction = by.channel() != Channel.SYSTEM && by.username().equals(request.requester());
        List<Recipient> told =
                requesterId == null || ownAction ? List.of() : List.of(new Recipient(requesterId, request.requester()));
        // routes are asked even when nobody is told: chat messages about the request must still change
        outbox.notify(
                NotificationKind.REQUEST_DECIDED,
                told,
                new About(request.id(), grantId, request.currentStep()),
                data,
                routes(NotificationKind.REQUEST_DECIDED, request, request.currentStep(), told));
    }

    private List<NotificationRoutes.Route> routes(
            NotificationKind kind, AccessRequest request, int step, List<Recipient> told) {
        List<NotificationRoutes.Person> people = told.stream()
                .map(r -> new NotificationRoutes.Person(r.id(), r.username()))
                .toList();
        return routing.stream()
                .flatMap(r -> r.routes(kind, request, step, people).stream())
                .toList();
    }

    /**
     * By when a step with this deadline must be decided, as mail, chat and the request page say it:
     * {@code deadline} alone would name a time after the request may already have expired.
     */
    private static Instant decideBy(AccessRequest request, Instant deadline) {
        return RequestStep.decideBy(deadline, request.details().expiresAt());
    }

    private List<Recipient> awaitingAt(AccessRequest request, int step, Predicate<Participant> among) {
        if (request.status() != RequestStatus.PENDING || request.currentStep() != step) {
            return List.of();
        }
        RequestStep current = request.steps().get(step);
        return current.approvers().stream()
                .filter(among)
                .filter(p -> request.awaits(p.id(), clock.instant()))
                .map(p -> new Recipient(p.id(), p.username()))
                .toList();
    }
}
