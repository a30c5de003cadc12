package io.countersign.request;

import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.Limits;
import io.countersign.policy.TicketPattern;
import io.countersign.shared.Actor;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import io.countersign.shared.RefusedException;
import io.countersign.shared.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The rules a new request must satisfy: first those of the input alone, then those of the governing
 * policy's limits. Both add to the same {@link Problems} so that the caller learns every issue at once.
 */
final class RequestValidation {

    static final int MAX_TEXT = 2000;
    static final int MAX_TICKET = 128;
    /** How far in the past a requested start may lie, to forgive clocks that drift a little. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    /** How far ahead access may be requested; a pending request should not sit for months. */
    static final Duration MAX_LEAD = Duration.ofDays(30);

    private RequestValidation() {}

    /** Checks the input on its own; returns whether resource and account are usable for planning. */
    static boolean checkInput(Problems problems, RequestInput input, Instant now) {
        boolean resource = Names.check(problems, Names.canonical(input.resource()), "resource");
        boolean account = Names.check(problems, Names.canonical(input.account()), "account");
        if (input.duration() != null) {
            problems.positiveWholeSeconds(input.duration(), "duration");
        }
        problems.multiLineText(input.justification(), "justification", MAX_TEXT);
        problems.maxLength(input.ticket(), "ticket", MAX_TICKET);
        if (input.startsAt() != null) {
            problems.check(
                    !input.startsAt().isBefore(now.minus(CLOCK_SKEW)),
                    "startsAt",
                    "in_the_past",
                    "must not be in the past");
            problems.check(
                    !input.startsAt().isAfter(now.plus(MAX_LEAD)),
                    "startsAt",
                    "too_far_ahead",
                    "must be at most " + MAX_LEAD.toDays() + " days ahead");
        }
        return resource && account;
    }

    /**
     * The start the request keeps: none when the one asked for is not later than {@code now}, which the
     * skew allowance lets through. Such a start means at once, as none does: kept, the request would show
     * a moment its grant, starting at the approval, never had.
     */
    static Instant requestedStart(Instant startsAt, Instant now) {
        if (startsAt == null || !startsAt.isAfter(now)) {
            return null;
        }
        return startsAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** Checks the input against the policy's limits. */
    static void checkLimits(Problems problems, RequestInput input, Limits limits) {
        Duration duration = effectiveDuration(input, limits);
        if (limits.maxDuration() != null && duration.compareTo(limits.maxDuration()) > 0) {
            problems.add(
                    "duration",
                    "above_maximum",
                    "must be at most " + limits.maxDuration() + ", the maximum of the governing policy");
        }
        if (limits.requireJustification() && isBlank(input.justification())) {
            problems.add("justification", "required", "the governing policy requires a justification");
        }
        checkTicket(problems, input.ticket(), limits);
    }

    /** Checks a ticket reference against the policy's pattern: one is required when the policy has one. */
    static void checkTicket(Problems problems, String ticket, Limits limits) {
        String pattern = limits.ticketPattern();
        if (pattern != null && !pattern.isBlank()) {
            if (isBlank(ticket)) {
                problems.add("ticket", "required", "the governing policy requires a ticket reference");
            } else if (!TicketPattern.matches(pattern, ticket.trim())) {
                problems.add("ticket", "invalid_format", "must match " + pattern);
            }
        }
    }

    static Duration effectiveDuration(RequestInput input, Limits limits) {
        if (input.duration() != null) {
            return input.duration();
        }
        return limits.defaultDuration() != null ? limits.defaultDuration() : Duration.ofHours(1);
    }

    static String trimToNull(String value) {
        return isBlank(value) ? null : value.trim();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Adds the limits of the plan's policy to the problems found so far and refuses on any, or on too
     * few approvers; a break-glass request is held to the policy's break-glass block instead.
     */
    static void refuseAgainst(ApprovalPlan plan, Problems problems, RequestInput input) {
        if (input.isBreakGlass()) {
            BreakGlassRules.check(problems, input, plan);
            return;
        }
        RequestValidation.checkLimits(problems, input, plan.limits());
        problems.throwIfAny();
        if (!plan.isFeasible()) {
            throw new RefusedException("too_few_approvers", String.join(" ", plan.problems()));
        }
    }

    /** Who a request is for: the caller, or for an enforcement point the user it names. */
    static String requesterFor(Actor actor, RequestInput input) {
        String named = Names.canonical(input.requester());
        if (named != null && named.isEmpty()) {
            named = null;
        }
        if (named != null) {
            Problems problems = new Problems();
            Names.check(problems, named, "requester");
            problems.throwIfAny();
        }
        if (actor.is(Role.ENFORCER)) {
            if (named == null) {
                throw InvalidInputException.of(
                        "requester", "required", "an enforcement point must name the user it asks access for");
            }
            return named;
        }
        if (actor.is(Role.AUDITOR)) {
            throw new ForbiddenException("Auditors read requests but do not create them.");
        }
        if (named != null && !named.equals(actor.username())) {
            throw new ForbiddenException("You may only request access for yourself; leave 'requester' out.");
        }
        return actor.username();
    }
}
