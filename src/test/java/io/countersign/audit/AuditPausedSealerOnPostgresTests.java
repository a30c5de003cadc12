package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.countersign.testing.Api;
import io.countersign.testing.OnPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An instance paused while its sealer holds the chain head (stopped by {@code kill -STOP}, frozen by its
 * host) must not stop sealing on the instances that keep running: the database ends the paused
 * sealer's transaction and the others take over.
 */
@OnPostgres
class AuditPausedSealerOnPostgresTests extends SealerTestBase {

    @Test
    void eventsCommittedWhileAPausedInstanceHoldsTheChainHeadAreSealedByTheOthers() throws Exception {
        awaitJournalSealed();
        ChainHead head = tables.head();
        String actor = Api.unique("paused");

        try (Connection paused = openConnection()) {
            // what another instance's sealer does before it is paused in the middle of its pass
            paused.setAutoCommit(false);
            try (Statement statement = paused.createStatement()) {
                statement.execute(ChainHeadHold.LIMITS);
                statement.execute("select last_id, last_hash from audit_chain_head where id = 1 for update");
            }

            changes.publish(
                    SampleEvent.by(actor).withNote("one"), SampleEvent.by(actor).withNote("two"));
            changes.publish(SampleEvent.by(actor).withNote("three"));

            awaitJournalSealed(ChainHeadHold.IDLE.plus(Duration.ofSeconds(10)));

            // the paused instance resumes: its transaction is gone and it can chain nothing more
            assertThatThrownBy(() -> {
                        try (Statement statement = paused.createStatement()) {
                            statement.execute("select seq from audit_journal");
                        }
                    })
                    .isInstanceOf(SQLException.class);
        }

        assertThat(chained(actor)).extracting(AuditRecord::note).containsExactly("one", "two", "three");
        ChainVerification verdict = auditLog.verify();
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.events()).isEqualTo(head.lastId() + 3);
        assertThat(verdict.unsealedEvents()).isZero();
    }

    private Connection openConnection() throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }
}
