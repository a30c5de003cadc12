package io.countersign.grant;

import io.countersign.shared.Actor;
import io.countersign.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what the clock already decided: scheduled grants whose start has come become ACTIVE
 * ({@code grant.started}), grants whose end has passed become EXPIRED ({@code grant.expired}, a {@code grant.ended} webhook). The
 * access check never waits for this; it is for the audit log, webhooks and lists. Each change is a
 * conditional update, so two sweeps never report the same start or end twice.
 */
@Component
public class GrantTimers {

    static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final GrantRepository repository;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    GrantTimers(
            JdbcClient jdbc,
            GrantRepository repository,
            Clock clock,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.clock = clock;
        this.events = events;
        this.transactions = transactions;
    }

    /** Returns how many grants changed. */
    public int sweep() {
        Instant now = clock.instant();
        int changed = 0;
        for (String id : due("status = 'SCHEDULED' and starts_at <= ? and ends_at > ?", now, 2)) {
            changed += mark(id, "SCHEDULED", "ACTIVE", now);
        }
        for (String id : due("status in ('SCHEDULED', 'ACTIVE') and ends_at <= ?", now, 1)) {
            changed += mark(id, null, "EXPIRED", now);
        }
        return changed;
    }

    private List<String> due(String condition, Instant now, int times) {
        Object[] params = new Object[times + 1];
        for (int i = 0; i < times; i++) {
            params[i] = Timestamps.toDb(now);
        }
        params[times] = BATCH;
        return jdbc.sql("select id from grants where " + condition + " order by ends_at limit ?")
                .params(params)
                .query(String.class)
                .list();
    }

    private int mark(String id, String from, String to, Instant now) {
        Integer changed = transactions.execute(tx -> {
            String guard = from == null ? "status in ('SCHEDULED', 'ACTIVE')" : "status = '" + from + "'";
            int updated = jdbc.sql("update grants set status = ?, version = version + 1 where id = ? and " + guard)
                    .params(to, id)
                    .update();
            if (updated == 1) {
                Grant grant = repository.find(id, now).orElseThrow();
                events.publishEvent(
                        "ACTIVE".equals(to)
                                ? new GrantStarted(
                                        Actor.system(),
                                        grant.id(),
                                        grant.requestId(),
                                        grant.user(),
                                        grant.resource(),
                                        grant.account(),
                                        grant.startsAt(),
                                        grant.endsAt())
                                : new GrantExpired(
                                        Actor.system(),
                                        grant.id(),
                                        grant.requestId(),
                                        grant.user(),
                                        grant.resource(),
                                        grant.account(),
                                        grant.endsAt()));
            }
            return updated;
        });
        return changed == null ? 0 : changed;
    }
}
