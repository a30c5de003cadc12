package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Many transactions appending at once still produce one chain: consecutive ids, no forks. */
@CountersignTest
@Import(AuditFixtures.class)
@TestPropertySource(properties = "countersign.audit.verify-batch-size=4")
class AuditConcurrencyTests {

    private static final int THREADS = 8;
    private static final int EVENTS_PER_THREAD = 50;

    @Autowired
    AuditLog auditLog;

    @Autowired
    AuditTables tables;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentTransactionsAppendOneUnbrokenChainWithConsecutiveIds() throws Exception {
        long before = tables.count();
        String prefix = Api.unique("writer");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String actor = prefix + "-" + t;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                        SampleEvent event = SampleEvent.by(actor).withNote("event " + i);
                        transactions.executeWithoutResult(tx -> publisher.publishEvent(event));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        long expected = before + THREADS * EVENTS_PER_THREAD;
        assertThat(tables.count()).isEqualTo(expected);
        assertThat(jdbc.sql("select min(id) from audit_events")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select max(id) from audit_events")
                        .query(Long.class)
                        .single())
                .isEqualTo(expected);
        assertThat(jdbc.sql("select count(distinct previous_hash) from audit_events")
                        .query(Long.class)
                        .single())
                .as("no two events follow the same predecessor")
                .isEqualTo(expected);
        assertThat(jdbc.sql("select count(*) from audit_events where actor like ?")
                        .param(prefix + "-%")
                        .query(Long.class)
                        .single())
                .isEqualTo(THREADS * EVENTS_PER_THREAD);
        assertThat(tables.head().lastId()).isEqualTo(expected);
        var verdict = auditLog.verify();
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.events()).isEqualTo(expected);
    }
}
