package io.countersign.notify;

import java.time.Instant;

/**
 * One POST to the endpoint: {@code statusCode} is the receiver's answer (null when none came),
 * {@code error} says why it failed, {@code nextAttemptAt} when the next try is due (null once
 * delivered or dead).
 */
public record DeliveryAttempt(
        int number,
        Instant attemptedAt,
        boolean succeeded,
        Integer statusCode,
        String error,
        long durationMs,
        Instant nextAttemptAt) {}
