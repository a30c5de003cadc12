package io.countersign.request;

import io.countersign.directory.UserAccessEnded;
import io.countersign.inventory.ResourceDeleted;
import io.countersign.inventory.ResourceUpdated;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends what pending requests still hold when what they rest on goes away, in the transaction of that
 * change: a user who leaves has their pending requests cancelled and loses their places as approver;
 * a deleted resource or a removed account has its pending requests cancelled. Each request is
 * changed under its row lock, as every other transition is.
 */
@Component
class RequestWithdrawals {

    static final String RESOURCE_DELETED = "resource deleted";
    static final String ACCOUNT_REMOVED = "account removed";

    private final JdbcClient jdbc;
    private final RequestRepository repository;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    RequestWithdrawals(JdbcClient jdbc, RequestRepository repository, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.clock = clock;
        this.events = events;
    }

    @EventListener
    void on(UserAccessEnded ended) {
        Instant now = now();
        List<String> asked = jdbc.sql(
                        "select id from access_requests where status = 'PENDING' and requester_id = ? order by id")
                .param(ended.userId())
                .query(String.class)
                .list();
        asked.forEach(id -> change(id, request -> request.withdraw(ended.reason(), now)));
        Set<String> approving = new LinkedHashSet<>(
                jdbc.sql("""
                        select distinct r.id from access_requests r
                        join request_step_approvers a on a.request_id = r.id
                        where r.status = 'PENDING' and a.user_id = ? order by r.id""").param(ended.userId()).query(String.class).list());
        // ids are drawn from an alphabet without LIKE wildcards, so the pattern matches the id only
        approving.addAll(jdbc.sql("""
                        select distinct r.id from access_requests r
                        join request_steps s on s.request_id = r.id
                        where r.status = 'PENDING' and s.escalation_approver_ids like ? order by r.id""")
                .param("%" + ended.userId() + "%")
                .query(String.class)
                .list());
        approving.forEach(id ->
                change(id, request -> request.withdrawApprover(ended.userId(), ended.username(), ended.reason(), now)));
    }

    @EventListener
    void on(ResourceDeleted deleted) {
        Instant now = now();
        pendingFor(deleted.resource().name())
                .forEach(id -> change(id, request -> request.withdraw(RESOURCE_DELETED, now)));
    }

    @EventListener
    void on(ResourceUpdated updated) {
        Instant now = now();
        Set<String> accounts = updated.resource().accounts();
        pendingFor(updated.resource().name())
                .forEach(id -> change(
                        id,
                        request -> !accounts.contains(request.details().account())
                                && request.withdraw(ACCOUNT_REMOVED, now)));
    }

    private List<String> pendingFor(String resource) {
        return jdbc.sql("select id from access_requests where status = 'PENDING' and resource_name = ? order by id")
                .param(resource)
                .query(String.class)
                .list();
    }

    private interface Change {
        boolean apply(AccessRequest request);
    }

    private void change(String id, Change change) {
        repository.lock(id).ifPresent(request -> {
            if (change.apply(request)) {
                repository.update(request);
                request.pullEvents().forEach(events::publishEvent);
            }
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
