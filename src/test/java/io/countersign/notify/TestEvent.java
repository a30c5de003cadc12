package io.countersign.notify;

import io.countersign.grant.GrantExpired;
import io.countersign.grant.GrantRevoked;
import io.countersign.grant.GrantStarted;
import io.countersign.request.RequestCancelled;
import io.countersign.request.RequestCreated;
import io.countersign.request.RequestExpired;
import io.countersign.request.RequestRejected;
import io.countersign.request.RequestStepStarted;
import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The request and grant modules' own event records about requests and grants that do not exist: only
 * their types and ids matter to webhooks. An approval is not among them, since it would issue a grant
 * for its request; the scenario tests drive real approvals.
 */
final class TestEvent {

    private static final Actor DEV = new Actor("dev", Role.USER, Channel.API, "127.0.0.1");
    private static final Actor LISA = new Actor("lisa", Role.ADMIN, Channel.WEB, null);
    private static final Instant END = Instant.parse("2030-01-01T10:00:00Z");

    private TestEvent() {}

    static AuditableEvent request(String action, String requestId) {
        return switch (action) {
            case "request.created" ->
                new RequestCreated(
                        DEV,
                        requestId,
                        "dev",
                        "prod-db",
                        "admin",
                        Duration.ofHours(1),
                        null,
                        "test",
                        null,
                        null,
                        null,
                        null);
            case "request.step_started" ->
                new RequestStepStarted(DEV, requestId, 0, "test", 1, List.of("lisa"), null, null, null);
            case "request.rejected" -> new RequestRejected(DEV, requestId, "dev", 0, "test");
            case "request.cancelled" -> new RequestCancelled(DEV, requestId, "dev", "test", null);
            case "request.expired" -> new RequestExpired(DEV, requestId, "dev", 0, END);
            default -> throw new IllegalArgumentException(action);
        };
    }

    static AuditableEvent grant(String action, String requestId, String grantId) {
        return switch (action) {
            case "grant.started" ->
                new GrantStarted(LISA, grantId, requestId, "dev", "prod-db", "admin", END.minusSeconds(3600), END);
            case "grant.revoked" -> new GrantRevoked(LISA, grantId, requestId, "dev", "prod-db", "admin", "test");
            case "grant.expired" -> new GrantExpired(LISA, grantId, requestId, "dev", "prod-db", "admin", END);
            default -> throw new IllegalArgumentException(action);
        };
    }
}
