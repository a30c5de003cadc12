package io.countersign.request;

import io.countersign.policy.BreakGlassPlan;
import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A request was approved at once as emergency access under policy {@code policy}'s break-glass block;
 * {@code notified} are the users of the policy's emergency list told of it. {@code reviewDueAt} is when
 * one of {@code reviewers} must have reviewed the use; null (and no reviewers) under a block stored
 * before reviews existed. {@code grantId} is the grant the use was given.
 */
public record BreakGlassUsed(
        Actor actor,
        String requestId,
        String requester,
        String requesterId,
        String resource,
        String account,
        String policy,
        Duration duration,
        List<Participant> notified,
        String justification,
        List<Participant> reviewers,
        Instant reviewDueAt,
        String grantId)
        implements AuditableEvent {

    public BreakGlassUsed {
        reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
    }

    /** The use of break-glass access that {@code details} describes, under {@code plan}, given grant {@code grantId}. */
    static BreakGlassUsed of(
            Actor creator,
            RequestDetails details,
            String grantId,
            String policy,
            BreakGlassPlan plan,
            Function<String, String> idOf) {
        return new BreakGlassUsed(
                creator,
                details.id(),
                details.requester(),
                details.requesterId(),
                details.resource(),
                details.account(),
                policy,
                details.duration(),
                participants(plan.notified(), idOf),
                details.justification(),
                participants(plan.reviewers(), idOf),
                plan.isReviewed() ? details.createdAt().plus(plan.reviewWithin()) : null,
                grantId);
    }

    /** Everyone a use under {@code plan} names, whose user ids the use needs. */
    static Set<String> people(BreakGlassPlan plan) {
        Set<String> all = new TreeSet<>(plan.notified());
        all.addAll(plan.reviewers());
        return all;
    }

    private static List<Participant> participants(List<String> usernames, Function<String, String> idOf) {
        return usernames.stream()
                .filter(username -> idOf.apply(username) != null)
                .map(username -> new Participant(idOf.apply(username), username))
                .toList();
    }

    @Override
    public String action() {
        return "breakglass.used";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        return "break-glass access of " + requester + " to " + account + "@" + resource + " for " + duration
                + " under policy '" + policy + "'"
                + (notified.isEmpty() ? "" : ", telling " + names(notified))
                + (reviewDueAt == null
                        ? ""
                        : reviewers.isEmpty()
                                ? ", with nobody to review it by " + reviewDueAt
                                : ", to be reviewed by " + reviewDueAt + " by one of " + names(reviewers));
    }

    private static String names(List<Participant> people) {
        return String.join(", ", people.stream().map(Participant::username).toList());
    }
}
