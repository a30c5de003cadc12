package io.countersign.request;

import java.time.Duration;
import java.time.Instant;

/**
 * What a caller asks for. {@code duration} defaults to the policy's default; {@code startsAt} to "as
 * soon as approved"; {@code requester} to the caller (an enforcement point must name the user).
 */
public record RequestInput(
        String resource,
        String account,
        Duration duration,
        String justification,
        String ticket,
        Instant startsAt,
        String requester) {}
