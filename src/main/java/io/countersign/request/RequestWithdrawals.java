package io.countersign.request;

import io.countersign.directory.UserAccessEnded;
import io.countersign.directory.UserChanged;
import io.countersign.inventory.ResourceAccountsRemoved;
import io.countersign.inventory.ResourceDeleted;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends what pending requests still hold when what they rest on goes away, in the transaction of that
 * change: a user who leaves has their pending requests cancelled and loses their places as approver,
 * as does a user given a role that does not approve;
 * a deleted resource or a removed account has its pending requests cancelled. Each request is
 * changed under its row lock, as every other transition is.
 */
@Component
class RequestWithdrawals {

    static final String RESOURCE_DELETED = "resource deleted";
    static final String ACCOUNT_REMOVED = "account removed";

    private final JdbcClient jdbc;
    private final ApproverPlaces places;
    private final RequestRepository repository;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ApproverHold approverHold;

    RequestWithdrawals(
            JdbcClient jdbc,
            ApproverPlaces places,
            RequestRepository repository,
            Clock clock,
            ApplicationEventPublisher events,
            ApproverHold approverHold) {
        this.approverHold = approverHold;
        this.jdbc = jdbc;
        this.places = places;
        this.repository = repository;
        this.clock = clock;
        this.events = events;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(UserAccessEnded ended) {
        // before the scan: creations in flight commit first and are found, later ones read the user as gone
        approverHold.exclusive();
        Instant now = now();
        Set<String> ids =
                new TreeSet<>(jdbc.sql("select id from access_requests where status = 'PENDING' and requester_id = ?")
                        .param(ended.userId())
                        .query(String.class)
                        .list());
        ids.addAll(places.pendingWithPlacesOf(ended.userId()));
        change(
                ids,
                request -> ended.userId().equals(request.details().requesterId())
                        ? request.withdraw(ended.reason(), now)
                        : ApproverWithdrawal.withdraw(request, ended.userId(), ended.username(), ended.reason(), now));
    }

    /** A user given a role that does not approve (auditor, enforcer) loses their places as approver. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(UserChanged changed) {
        if (!changed.stoppedApproving()) {
            return;
        }
        approverHold.exclusive();
        Instant now = now();
        change(
                places.pendingWithPlacesOf(changed.userId()),
                request -> ApproverWithdrawal.withdraw(
                        request, changed.userId(), changed.after().username(), UserChanged.NO_LONGER_APPROVES, now));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ResourceDeleted deleted) {
        Instant now = now();
        change(pendingFor(deleted.resource().name()), request -> request.withdraw(RESOURCE_DELETED, now));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ResourceAccountsRemoved removed) {
        Instant now = now();
        Set<String> accounts = removed.accounts();
        change(
                pendingFor(removed.resource()),
                request -> !accounts.contains(request.details().account()) && request.withdraw(ACCOUNT_REMOVED, now));
    }

    private Set<String> pendingFor(String resource) {
        return new TreeSet<>(jdbc.sql("select id from access_requests where status = 'PENDING' and resource_name = ?")
                .param(resource)
                .query(String.class)
                .list());
    }

    private interface Change {
        boolean apply(AccessRequest request);
    }

    /**
     * Locks every request first, in id order, and only then changes them and publishes what changed:
     * a decision locks its request before it writes to the audit trail, so holding the audit chain's
     * head while waiting for a request's lock could deadlock with it. They are locked together, so
     * that a user with many pending requests is offboarded in a few round trips.
     */
    private void change(Set<String> ids, Change change) {
        for (AccessRequest request : repository.lockAll(ids)) {
            if (change.apply(request)) {
                repository.update(request);
                request.pullEvents().forEach(events::publishEvent);
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
