package io.countersign.web.api;

import io.countersign.grant.Grant;
import io.countersign.grant.GrantStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A grant as the API returns it; the revocation fields are additions to API.md and null unless revoked. */
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
        String revokeReason) {

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
                        grant.revokeReason());
    }
}
