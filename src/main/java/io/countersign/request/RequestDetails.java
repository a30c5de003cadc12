package io.countersign.request;

import java.time.Duration;
import java.time.Instant;

/**
 * What was asked, by whom and under which policy: the part of a request that never changes after
 * creation. {@code createdBy} differs from {@code requester} when an enforcement point asked on a
 * user's behalf. {@code startsAt} is null for access that should start once approved. The usernames
 * are for display; {@code requesterId} and {@code createdById} are the user ids that decide who the
 * request belongs to (null when that user was deleted before ids were kept). {@code extendsGrant} is
 * the grant an extension request asks more time on; null for a request for new access.
 * {@code claimWindow}, frozen from the policy, is set when the grant's clock starts at its first use:
 * how long the grant waits for it. {@code breakGlass} marks emergency access, approved at once under
 * the policy's break-glass block.
 */
public record RequestDetails(
        String id,
        String requester,
        String resource,
        String account,
        Duration duration,
        Instant startsAt,
        String justification,
        String ticket,
        String policyName,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        String requesterId,
        String createdById,
        String extendsGrant,
        Duration claimWindow,
        boolean breakGlass) {

    /** Details of an ordinary (not break-glass) request for new access whose grant starts on approval. */
    public RequestDetails(
            String id,
            String requester,
            String resource,
            String account,
            Duration duration,
            Instant startsAt,
            String justification,
            String ticket,
            String policyName,
            String createdBy,
            Instant createdAt,
            Instant expiresAt,
            String requesterId,
            String createdById) {
        this(
                id,
                requester,
                resource,
                account,
                duration,
                startsAt,
                justification,
                ticket,
                policyName,
                createdBy,
                createdAt,
                expiresAt,
                requesterId,
                createdById,
                null,
                null,
                false);
    }

    public boolean isExtension() {
        return extendsGrant != null;
    }
}
