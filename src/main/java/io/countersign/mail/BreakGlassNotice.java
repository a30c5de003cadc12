package io.countersign.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What someone is told of a break-glass use: on the policy's emergency list when access is taken
 * ({@code USED}) or when nobody reviewed it in time ({@code OVERDUE}), or as one of its reviewers
 * ({@code REVIEW}), or as the delegate of one who may review it for them ({@code REVIEW} with
 * {@code onBehalfOf}, the reviewer; null for anyone else). {@code reviewDueAt} is when the review is
 * due (null without one); {@code reviewers} are those asked to review it, told to the emergency list
 * (empty when the notification did not name them). {@code ticket} is the reference the requester gave,
 * null without one.
 */
public record BreakGlassNotice(
        Why why,
        String requestId,
        Person recipient,
        String recipientAddress,
        Person requester,
        String resource,
        String account,
        Duration duration,
        String policy,
        String justification,
        String ticket,
        Instant reviewDueAt,
        Person onBehalfOf,
        List<Person> reviewers) {

    public BreakGlassNotice {
        reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
    }

    public enum Why {
        USED,
        REVIEW,
        OVERDUE
    }
}
