package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.testing.CountersignTest;
import io.countersign.testing.GenericPlans;
import io.countersign.testing.OnPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The indexes of the request columns most requests leave empty hold only the requests that have
 * them (V94), so that creating a request and changing its status maintain fewer indexes; the look-ups
 * by those columns must still find them, beside many pending requests that have neither.
 */
@CountersignTest
@OnPostgres
class RequestPlansOnPostgresTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aCreatorsIdempotencyKeyIsLookedUpInTheIndexOfRequestsWithAKey() {
        assertThat(genericPlan(RequestRepository.BY_IDEMPOTENCY_KEY)).contains("access_requests_idempotency_id");
    }

    @Test
    void aGrantsPendingExtensionIsLookedUpInTheIndexOfExtensionRequests() {
        assertThat(genericPlan(RequestRepository.PENDING_EXTENSION)).contains("access_requests_extends_grant");
    }

    @Test
    void requestsWithoutAKeyOrAGrantToExtendEnterNeitherIndex() {
        assertThat(jdbc.queryForList(
                        "select indexname from pg_indexes where tablename = 'access_requests'"
                                + " and indexdef like '% WHERE %'",
                        String.class))
                .containsExactlyInAnyOrder("access_requests_idempotency_id", "access_requests_extends_grant");
    }

    @Test
    void anIdempotencyKeyIsStillUniquePerCreator() {
        String insert = """
                insert into access_requests (id, requester, resource_name, account_name, duration_seconds,
                    policy_snapshot, status, current_step, created_by, created_by_id, idempotency_key,
                    created_at, expires_at, version)
                values (?, 'alice', 'db', 'root', 60, '{}', 'PENDING', 0, 'alice', 'usr-plan', ?, now(), now(), 0)""";

        transactions.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            jdbc.update(insert, "req-plan-1", "key-1");
            jdbc.update(insert, "req-plan-2", null);
            jdbc.update(insert, "req-plan-3", null);

            assertThatThrownBy(() -> jdbc.update(insert, "req-plan-4", "key-1"))
                    .hasMessageContaining("access_requests_idempotency_id");
        });
    }

    private String genericPlan(String sql) {
        return GenericPlans.of(jdbc, transactions, """
                insert into access_requests (id, requester, resource_name, account_name, duration_seconds,
                    policy_snapshot, status, current_step, created_by, created_by_id, created_at, expires_at, version)
                select 'req-plan-' || n, 'user-' || (n % 50), 'db-' || (n % 20), 'root', 3600, '{}', 'PENDING', 0,
                    'user-' || (n % 50), 'usr-' || (n % 50), now(), now() + interval '1 hour', 0
                from generate_series(1, 2000) n""", sql);
    }
}
