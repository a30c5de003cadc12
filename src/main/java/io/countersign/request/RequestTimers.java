package io.countersign.request;

import io.countersign.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends what time has ended: pending requests past their time-to-live expire, and steps past their
 * deadline escalate or reject. A one-time task per deadline ({@link #fire}) does it on time; the
 * recurring {@link #sweep} catches whatever such a task missed. Each request is handled in its own
 * transaction under its row lock, and rechecked there, so a timer racing a decision, the sweep or
 * another instance changes nothing twice. A timer does not wait for a row another transaction holds:
 * it passes over that request, which whoever holds it, or the next sweep, then settles; a deadline task
 * says so ({@link Fired#HELD}), and its task looks again soon (see {@link RequestTimerTask}).
 */
@Component
public class RequestTimers {

    static final int BATCH = 200;

    /** What a deadline task found: something due that it applied, nothing due, or the row held. */
    public enum Fired {
        CHANGED,
        UNCHANGED,
        HELD
    }

    private final JdbcClient jdbc;
    private final RequestRepository repository;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    RequestTimers(
            JdbcClient jdbc,
            RequestRepository repository,
            Clock clock,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.clock = clock;
        this.events = events;
        this.transactions = transactions;
    }

    /** Handles every request that is due now, up to a batch; returns how many changed. */
    public int sweep() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Set<String> due = new LinkedHashSet<>();
        due.addAll(jdbc.sql("""
                        select id from access_requests where status = 'PENDING' and expires_at <= ?
                        order by expires_at limit ?""")
                .params(Timestamps.toDb(now), BATCH)
                .query(String.class)
                .list());
        due.addAll(jdbc.sql("""
                        select r.id from access_requests r
                        join request_steps s on s.request_id = r.id and s.step_index = r.current_step
                        where r.status = 'PENDING' and s.deadline <= ?
                        order by s.deadline limit ?""")
                .params(Timestamps.toDb(now), BATCH)
                .query(String.class)
                .list());
        int changed = 0;
        for (String id : due) {
            if (transactions.execute(tx -> handle(id, now)) == Fired.CHANGED) {
                changed++;
            }
        }
        return changed;
    }

    /**
     * Applies what is due on one request now; the one-time task scheduled for each of its deadlines
     * calls this. A request already decided, or not yet due, is left as it is.
     */
    public Fired fire(String id) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return transactions.execute(tx -> handle(id, now));
    }

    private Fired handle(String id, Instant now) {
        return repository
                .lockUnlessHeld(id)
                .map(request -> {
                    if (DueTimer.apply(request, now).isEmpty()) {
                        return Fired.UNCHANGED;
                    }
                    repository.update(request);
                    List.copyOf(request.pullEvents()).forEach(events::publishEvent);
                    return Fired.CHANGED;
                })
                .orElse(Fired.HELD);
    }
}
