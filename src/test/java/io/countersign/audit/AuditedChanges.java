package io.countersign.audit;

import io.countersign.shared.AuditableEvent;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** Behaves like a module's service: changes a row and publishes the event that records it, in one transaction. */
class AuditedChanges {

    private static final AtomicInteger RANKS = new AtomicInteger(1_000_000);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    AuditedChanges(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    public void publish(AuditableEvent... published) {
        for (AuditableEvent event : published) {
            events.publishEvent(event);
        }
    }

    @Transactional
    public void createLevelAndPublish(String level, AuditableEvent event) {
        jdbc.sql("insert into levels (name, rank_order) values (?, ?)")
                .params(level, RANKS.incrementAndGet())
                .update();
        events.publishEvent(event);
    }

    boolean levelExists(String level) {
        return jdbc.sql("select count(*) from levels where name = ?")
                        .param(level)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
