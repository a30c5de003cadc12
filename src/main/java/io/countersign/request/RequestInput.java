package io.countersign.request;

import java.time.Duration;
import java.time.Instant;

/**
 * What a caller asks for. {@code duration} defaults to the policy's default; {@code startsAt} to "as
 * soon as approved"; {@code requester} to the caller (an enforcement point must name the user);
 * {@code breakGlass} asks for emergency access, approved at once (null: no).
 */
public record RequestInput(
        String resource,
        String account,
        Duration duration,
        String justification,
        String ticket,
        Instant startsAt,
        String requester,
        Boolean breakGlass) {

    /** An ordinary request, approved by the policy's steps. */
    public RequestInput(
            String resource,
            String account,
            Duration duration,
            String justification,
            String ticket,
            Instant startsAt,
            String requester) {
        this(resource, account, duration, justification, ticket, startsAt, requester, null);
    }

    /** Whether emergency access is asked for, under the policy's break-glass block. */
    public boolean isBreakGlass() {
        return Boolean.TRUE.equals(breakGlass);
    }
}
