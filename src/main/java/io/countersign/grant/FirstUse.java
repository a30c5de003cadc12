package io.countersign.grant;

import io.countersign.shared.Actor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the clock of a grant waiting for its first use, for the access check that found it. The
 * conditional update, its end timer and its audit and webhook events share one short transaction;
 * a check that loses the race to another (on this or any instance) reads the winner's start instead,
 * so the clock starts once and every check answers from the same start.
 */
@Component
class FirstUse {

    private final GrantRepository repository;
    private final GrantDueSchedule schedule;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    // lazy: the scheduler is built from every task, and the grant-ending notice task needs Grants,
    // which needs this
    FirstUse(
            GrantRepository repository,
            @Lazy GrantDueSchedule schedule,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.repository = repository;
        this.schedule = schedule;
        this.events = events;
        this.transactions = transactions;
    }

    /**
     * The grant in force after the first use of {@code waiting} at {@code now}: another grant of the
     * holder whose clock already runs for the same access when there is one (so that a grant waiting
     * for later is not spent while it is not needed), else {@code waiting} started now; empty when it
     * was revoked or its claim window closed in the meantime.
     */
    Optional<Grant> start(Actor asker, Grant waiting, Instant now) {
        // the database keeps microseconds: the winner answers with exactly the start the others read
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        Optional<Grant> running = repository.runningFor(waiting.holderId(), waiting.resource(), waiting.account(), at);
        if (running.isPresent()) {
            return running;
        }
        return transactions.execute(tx -> {
            Grant started = waiting.startedAt(at);
            if (!repository.startClock(started)) {
                // another check started it, perhaps a moment after this one's instant: judged at that start,
                // the grant is in force (not yet scheduled) unless it was revoked or its window closed
                return repository
                        .find(waiting.id(), at)
                        .map(grant -> grant.clockStartedAt() != null
                                        && grant.clockStartedAt().isAfter(at)
                                ? repository
                                        .find(grant.id(), grant.clockStartedAt())
                                        .orElse(grant)
                                : grant)
                        .filter(grant -> grant.status() == GrantStatus.ACTIVE);
            }
            schedule.scheduleFor(started);
            events.publishEvent(GrantSpanEvent.about(GrantFirstUsed::new, asker, started, started.clockStartedAt()));
            return Optional.of(started);
        });
    }
}
