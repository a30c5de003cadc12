package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Timestamps;
import io.countersign.testing.UpgradedDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A log written before the audit record covered why (encoding version 1) still verifies after the
 * upgrade, on both databases: the migration labels the old rows with the version they were hashed with.
 */
class AuditEncodingUpgradeTests {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void eventsHashedBeforeTheUpgradeStillVerifyAfterIt(String database) {
        DataSource dataSource = UpgradedDatabase.fresh(database);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        UpgradedDatabase.migrate(dataSource, "64?"); // "?": the last migration before V65, whatever its number
        assertThat(hashVersionColumns(jdbc)).as("not yet upgraded").isZero();
        String previous = ChainHash.GENESIS;
        for (long id = 1; id <= 3; id++) {
            AuditRecord event = RecordBuilder.from(Chains.unhashed(id, previous, "before the upgrade " + id))
                    .hashVersion(1)
                    .hashed();
            jdbc.sql("""
                            insert into audit_events (id, occurred_at, actor, actor_role, channel, source_address, action,
                                                      target, request_id, grant_id, note, previous_hash, hash)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            event.id(),
                            Timestamps.toDb(event.occurredAt()),
                            event.actor(),
                            event.actorRole(),
                            event.channel(),
                            event.sourceAddress(),
                            event.action(),
                            event.target(),
                            event.requestId(),
                            event.grantId(),
                            event.note(),
                            event.previousHash(),
                            event.hash())
                    .update();
            previous = event.hash();
        }
        jdbc.sql("update audit_chain_head set last_id = 3, last_hash = ? where id = 1")
                .param(previous)
                .update();

        UpgradedDatabase.migrate(dataSource, "latest");
        assertThat(hashVersionColumns(jdbc)).isEqualTo(1);

        List<AuditRecord> events = jdbc.sql("select * from audit_events order by id")
                .query(AuditRows::map)
                .list();
        ChainWalk walk = new ChainWalk();
        events.forEach(walk::accept);
        assertThat(events).extracting(AuditRecord::hashVersion).containsOnly(1);
        assertThat(walk.finish(3, previous).valid()).isTrue();
    }

    private static long hashVersionColumns(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from information_schema.columns"
                        + " where table_name = 'audit_events' and column_name = 'hash_version'")
                .query(Long.class)
                .single();
    }
}
