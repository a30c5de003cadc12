package io.countersign.web.api;

import io.countersign.grant.Grant;
import io.countersign.grant.GrantStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;

/**
 * A grant as the API returns it; the revocation fields are additions to API.md and null unless
 * revoked. {@code firstUseDuration} is set when the grant's clock starts at its first use: while it is
 * {@code APPROVED_UNUSED}, {@code endsAt} is the end of its claim window; once used, {@code
 * clockStartedAt} says when and {@code endsAt} is that instant plus the duration.
 */
@Schema(requiredProperties = {"id", "requestId", "user", "resource", "account", "startsAt", "endsAt", "status"})
record GrantResponse(
        String id,
        String requestId,
        String user,
        String resource,
        String account,
        Instant startsAt,
        Instant endsAt,
        GrantStatus status,
        Instant revokedAt,
        String revokedBy,
        String revokeReason,
        Instant clockStartedAt,
        Duration firstUseDuration) {

    static GrantResponse of(Grant grant) {
        return grant == null
                ? null
                : new GrantResponse(
                        grant.id(),
                        grant.requestId(),
                        grant.user(),
                        grant.resource(),
                        grant.account(),
                        grant.startsAt(),
                        grant.endsAt(),
                        grant.status(),
                        grant.revokedAt(),
                        grant.revokedBy(),
                        grant.revokeReason(),
                        grant.clockStartedAt(),
                        grant.firstUseDuration());
    }
}
