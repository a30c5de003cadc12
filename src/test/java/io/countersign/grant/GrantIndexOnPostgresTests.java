package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.OnPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** On PostgreSQL, the planner also picks those indexes for the statements the service runs. */
@OnPostgres
class GrantIndexOnPostgresTests extends GrantIndexTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    /** The plan of {@code sql}, with sequential scans priced out so that an empty table still shows the index. */
    private String plan(String sql, Object... params) {
        return plan(false, sql, params);
    }

    /**
     * The plan of an ordered {@code sql} with sorts priced out too: the index that serves both the
     * filter and the order, whatever rows and statistics other tests left in the shared table.
     */
    private String planWithoutSort(String sql, Object... params) {
        return plan(true, sql, params);
    }

    private String plan(boolean withoutSort, String sql, Object... params) {
        return transactions.execute(tx -> {
            jdbc.sql("set local enable_seqscan = off").update();
            if (withoutSort) {
                jdbc.sql("set local enable_sort = off").update();
            }
            return String.join(
                    "\n",
                    jdbc.sql("explain " + sql)
                            .params(List.of(params))
                            .query(String.class)
                            .list());
        });
    }

    @Test
    void theAccessCheckUsesTheHolderIndex() {
        assertThat(plan("select id from users where username = ?", "dev")).contains("users_pkey");
        assertThat(planWithoutSort("""
                        select id from grants where holder_id = ? and resource_name = ? and account_name = ?
                          and ends_at > current_timestamp and starts_at <= current_timestamp and status <> 'REVOKED'
                        order by ends_at desc limit 1""", "usr-x", "db", "admin")).contains("grants_holder_lookup");
    }

    @Test
    void revokingTheGrantsOnAResourceUsesTheResourceIndex() {
        assertThat(plan("""
                        select id from grants where resource_name = ? and account_name not in (?)
                          and status <> 'REVOKED' and ends_at > current_timestamp order by id for update""", "db", "readonly")).contains("grants_resource");
    }
}
