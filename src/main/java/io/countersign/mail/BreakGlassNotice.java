package io.countersign.mail;

import java.time.Duration;

/** What someone on a policy's emergency list is told when a requester takes break-glass access. */
public record BreakGlassNotice(
        String requestId,
        Person recipient,
        String recipientAddress,
        Person requester,
        String resource,
        String account,
        Duration duration,
        String policy,
        String justification) {}
