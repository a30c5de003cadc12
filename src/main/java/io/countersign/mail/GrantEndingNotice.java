package io.countersign.mail;

import java.time.Instant;

/** What a grant's holder is told a while before the grant ends. */
public record GrantEndingNotice(
        String grantId,
        String requestId,
        Person holder,
        String holderAddress,
        String resource,
        String account,
        Instant endsAt) {}
