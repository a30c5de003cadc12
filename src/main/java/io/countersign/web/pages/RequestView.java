package io.countersign.web.pages;

import io.countersign.grant.Grant;
import io.countersign.grant.GrantStatus;
import io.countersign.request.AccessRequest;
import io.countersign.request.Decision;
import io.countersign.request.RequestStatus;
import io.countersign.request.RequestStep;
import io.countersign.request.StepApprover;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A request as the pages show it: its details, each step with its decisions, its grant, and for an
 * extension request what it does to the grant it lengthens (null for a request for new access).
 */
record RequestView(
        AccessRequest request,
        List<StepView> steps,
        GrantView grant,
        boolean pending,
        TimedText extension,
        TimedText firstUse) {

    /** How the pages word a first-use grant's start, in the request's details and in its access alike. */
    private static final String FIRST_USE = "its first use, which must come ";

    record StepView(
            RequestStep step, boolean current, List<Decision> decisions, List<String> waitingOn, TimedText timeLeft) {}

    /**
     * A grant and, in words, when it runs: {@code when} tells a scheduled or unused grant apart from one
     * in force. {@code endable} while its holder may still end it early: in force, scheduled, or waiting
     * for its first use, as revoking takes any of them.
     */
    record GrantView(Grant grant, boolean endable, TimedText when) {}

    static RequestView of(AccessRequest request, Grant grant, Instant now) {
        return of(request, grant, null, now);
    }

    /** {@code extended} is the grant an extension request lengthens, as it stands now. */
    static RequestView of(AccessRequest request, Grant grant, Grant extended, Instant now) {
        return of(request, grant, extended, List.of(), now);
    }

    /**
     * As {@link #of(AccessRequest, Grant, Grant, Instant)}, with the delegates among {@code approversNow}
     * ({@link io.countersign.request.Requests#approversNow}) named as mail and chat name them.
     */
    static RequestView of(
            AccessRequest request, Grant grant, Grant extended, List<StepApprover> approversNow, Instant now) {
        boolean pending = request.status() == RequestStatus.PENDING;
        List<StepView> steps = request.steps().stream()
                .map(step -> {
                    List<Decision> decisions = request.decisions().stream()
                            .filter(d -> d.step() == step.index())
                            .toList();
                    boolean current = pending && step.index() == request.currentStep();
                    // those the engine would let approve it now: not who decided it, nor who the
                    // separation of duties keeps from it (an earlier step's approver, the requester)
                    List<String> waitingOn = current
                            ? Stream.concat(
                                            step.approvers().stream()
                                                    .filter(p -> request.awaits(p.id(), now))
                                                    .map(p -> p.username()),
                                            approversNow.stream()
                                                    .filter(StepApprover::isDelegate)
                                                    .map(StepApprover::named))
                                    .toList()
                            : List.of();
                    TimedText timeLeft =
                            current ? timeLeft(step.decideBy(request.details().expiresAt()), now) : null;
                    return new StepView(step, current, decisions, waitingOn, timeLeft);
                })
                .toList();
        GrantView grantView = grant == null
                ? null
                : new GrantView(
                        grant,
                        grant.status() == GrantStatus.ACTIVE
                                || grant.status() == GrantStatus.SCHEDULED
                                || grant.status() == GrantStatus.APPROVED_UNUSED,
                        when(grant, now));
        return new RequestView(
                request, steps, grantView, pending, extension(request, extended, now), firstUse(request, grant));
    }

    /**
     * When access asked for under a policy that starts it at its first use starts, in words: within the
     * claim window from approval, and once approved before the moment its grant waits for; null for any
     * other request.
     */
    static TimedText firstUse(AccessRequest request, Grant grant) {
        if (request.details().claimWindow() == null) {
            return null;
        }
        if (grant == null) {
            return TimedText.of("at " + FIRST_USE + "within ")
                    .then(request.details().claimWindow())
                    .then(" of approval");
        }
        if (grant.status() == GrantStatus.APPROVED_UNUSED) {
            return TimedText.of("at " + FIRST_USE + "before ").then(grant.endsAt());
        }
        return TimedText.of("at its first use, ").then(grant.startsAt());
    }

    /**
     * What an extension request does, in words: which grant it lengthens, how long that runs now and,
     * while the request waits, until when it would run once approved: approving moves the grant's end
     * by the duration granted, as the grant issuer does. Null for a request for new access.
     */
    static TimedText extension(AccessRequest request, Grant extended, Instant now) {
        if (!request.details().isExtension()) {
            return null;
        }
        String grant = "grant " + request.details().extendsGrant();
        if (extended == null) {
            return TimedText.of(grant);
        }
        if (extended.status() == GrantStatus.EXPIRED || extended.status() == GrantStatus.REVOKED) {
            return TimedText.of(
                    grant + ", which has " + (extended.status() == GrantStatus.EXPIRED ? "ended" : "been revoked"));
        }
        TimedText runs = TimedText.of(grant + ", which runs ").then(when(extended, now));
        if (request.status() != RequestStatus.PENDING) {
            return runs;
        }
        Duration more = request.grantedDuration();
        return runs.then(". Approving adds ")
                .then(more)
                .then(" to it: it would then run until ")
                .then(extended.endsAt().plus(more))
                .then(" (less if an approver allows a shorter time).");
    }

    /**
     * When the access runs, as a person reads it: a grant waiting for its first use holds its length,
     * not the claim window, and a scheduled one starts later than now.
     */
    static TimedText when(Grant grant, Instant now) {
        if (grant.status() == GrantStatus.APPROVED_UNUSED) {
            return TimedText.of("for ")
                    .then(grant.firstUseDuration())
                    .then(" from " + FIRST_USE + "before ")
                    .then(grant.endsAt())
                    .then(" (")
                    .then(left(now, grant.endsAt(), " left to claim"))
                    .then(")");
        }
        if (grant.status() == GrantStatus.SCHEDULED) {
            return TimedText.of("from ")
                    .then(grant.startsAt())
                    .then(" until ")
                    .then(grant.endsAt())
                    .then(" (starts in ")
                    .then(left(now, grant.startsAt(), ""))
                    .then(")");
        }
        return TimedText.of("until ")
                .then(grant.endsAt())
                .then(" (")
                .then(left(now, grant.endsAt(), " remaining"))
                .then(")");
    }

    /**
     * How long the current step may still be decided, as the decision-link page says it: until
     * {@link io.countersign.request.RequestStep#decideBy}; null when there is no such moment.
     */
    static TimedText timeLeft(Instant by, Instant now) {
        return by == null
                ? null
                : left(now, by, " remaining").then(" (decide by ").then(by).then(")");
    }

    /**
     * "1 hour 5 minutes" then {@code after} (" remaining"), in whole minutes for people while the page
     * keeps the exact time left; "ended" once the moment has passed.
     */
    static TimedText left(Instant now, Instant until, String after) {
        Duration d = Duration.between(now, until);
        if (d.isNegative() || d.isZero()) {
            return TimedText.of("ended");
        }
        long minutes = d.toMinutes();
        String words = minutes < 1 ? "less than a minute" : HumanTimes.duration(Duration.ofMinutes(minutes));
        return new TimedText(List.of()).then(words, d).then(after);
    }
}
