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
 * ({@code grant.started}), grants whose end has passed become EXPIRED ({@code grant.expired}, a
 * {@code grant.ended} webhook), among them grants that waited for their first use until their claim
 * window closed ({@code grant.expired} with the reason {@code unclaimed}). A one-time task per start and end ({@link #fire}) records it on time;
 * the recurring {@link #sweep} is the safety net. The access check never waits for this; it is for the
 * audit log, webhooks and lists. Each change is a conditional update, so two timers never report the
 * same start or end twice.
 *
 * <p>A scheduled grant whose start and end both passed while no instance ran is recorded as started
 * and then as expired, in one transaction, when an instance catches up: its holder and the receivers
 * of {@code grant.started} learn that access was given, and that it has already ended (the start's
 * note says so), and each record is made once however many instances catch up at the same time. Both are recorded at the catch-up, as every timer records
 * what the clock decided when it runs; the events carry the grant's own start and end.
 */
@Component
public class GrantTimers {

    static final int BATCH = 500;
    private static final String STARTED = "status = 'SCHEDULED' and starts_at <= :now and ends_at > :now";
    private static final String ENDED = "status in ('SCHEDULED', 'APPROVED_UNUSED', 'ACTIVE') and ends_at <= :now";

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
        for (String id : due(STARTED, now)) {
            changed += mark(id, "SCHEDULED", "ACTIVE", now);
        }
        for (String id : due(ENDED, now)) {
            changed += mark(id, null, "EXPIRED", now);
        }
        return changed;
    }

    /**
     * Records the start or end of one grant that is due now; the one-time task scheduled for each
     * start and end calls this. A grant revoked, already recorded or not yet due is left as it is.
     */
    public int fire(String grantId) {
        Instant now = clock.instant();
        int changed = 0;
        if (isDue(grantId, STARTED, now)) {
            changed += mark(grantId, "SCHEDULED", "ACTIVE", now);
        }
        if (isDue(grantId, ENDED, now)) {
            changed += mark(grantId, null, "EXPIRED", now);
        }
        return changed;
    }

    private List<String> due(String condition, Instant now) {
        return jdbc.sql("select id from grants where " + condition + " order by ends_at limit :limit")
                .param("now", Timestamps.toDb(now))
                .param("limit", BATCH)
                .query(String.class)
                .list();
    }

    private boolean isDue(String grantId, String condition, Instant now) {
        return jdbc.sql("select count(*) from grants where id = :id and " + condition)
                        .param("id", grantId)
                        .param("now", Timestamps.toDb(now))
                        .query(Long.class)
                        .single()
                > 0;
    }

    private int mark(String id, String from, String to, Instant now) {
        Integer changed = transactions.execute(tx -> {
            if ("EXPIRED".equals(to)) {
                // a start nobody recorded comes first: an end never goes out without the start before it
                update(id, "ACTIVE", "status = 'SCHEDULED' and starts_at <= :now", now);
            }
            // the end is checked again: a first use or an extension may have moved it since it was due
            return update(id, to, from == null ? ENDED : "status = '" + from + "'", now);
        });
        return changed == null ? 0 : changed;
    }

    /** Moves the grant to {@code to} when {@code guard} holds, and publishes what changed. */
    private int update(String id, String to, String guard, Instant now) {
        int updated = jdbc.sql("update grants set status = :to, version = version + 1 where id = :id and " + guard)
                .param("to", to)
                .param("id", id)
                .param("now", Timestamps.toDb(now))
                .update();
        if (updated == 1) {
            Grant grant = repository.find(id, now).orElseThrow();
            events.publishEvent(
                    "ACTIVE".equals(to)
                            ? GrantSpanEvent.about(GrantStarted::new, Actor.system(), grant, grant.startsAt())
                                    .recordedAt(now)
                            : new GrantExpired(
                                    Actor.system(),
                                    grant.id(),
                                    grant.requestId(),
                                    grant.user(),
                                    grant.resource(),
                                    grant.account(),
                                    grant.endsAt(),
                                    grant.awaitsFirstUse() ? GrantExpired.UNCLAIMED : null));
        }
        return updated;
    }
}
