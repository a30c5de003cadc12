package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A pool for queue work reads a queue's head through its index whatever the planner guesses of the
 * table; other pools plan as PostgreSQL would.
 */
@OnPostgres
@CountersignTest
class QueuePoolOnPostgresTests {

    @Autowired
    DedicatedPools pools;

    @Autowired
    DataSource requestPool;

    @Test
    void aQueuePoolReadsTheJournalsHeadByItsIndexAndOtherPoolsAreLeftAlone() {
        try (HikariDataSource queue = pools.createForQueue("queue-probe", 1);
                HikariDataSource plain = pools.create("plain-probe", 1)) {
            JdbcClient queued = JdbcClient.create(queue);
            assertThat(setting(queued)).isEqualTo("off");
            assertThat(String.join(
                            "\n",
                            queued.sql("explain select * from audit_journal order by seq limit 100")
                                    .query(String.class)
                                    .list()))
                    .contains("Index Scan using audit_journal_pkey")
                    .doesNotContain("Seq Scan");
            assertThat(setting(JdbcClient.create(plain))).isEqualTo("on");
            assertThat(setting(JdbcClient.create(requestPool))).isEqualTo("on");
        }
    }

    private static String setting(JdbcClient jdbc) {
        return jdbc.sql("show enable_seqscan").query(String.class).single();
    }
}
