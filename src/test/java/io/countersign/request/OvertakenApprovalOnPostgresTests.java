package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Three approvers of a two-of-three first step approve at once, and one of them also approves the
 * second step. Held at the request's lock until all three have arrived, two approvals complete the
 * first step; the third was meant for it too, and is refused rather than recorded on the second.
 */
@CountersignTest
@OnPostgres
class OvertakenApprovalOnPostgresTests extends DevAndLisaTestBase {

    /** The sessions waiting, directly or behind another waiter, for the locks {@code pid} holds. */
    private static final String WAITING_BEHIND = """
            with recursive blocked(pid) as (
                select pid from pg_stat_activity where ? = any(pg_blocking_pids(pid))
                union
                select a.pid from pg_stat_activity a join blocked b on b.pid = any(pg_blocking_pids(a.pid)))
            select count(*) from blocked""";

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    private final ExecutorService threads = Executors.newFixedThreadPool(3);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void anApprovalMeantForACompletedStepIsNeverRecordedOnTheNext() throws Exception {
        Person bob = org.person("bob");
        Person carol = org.person("carol");
        Person dan = org.person("dan");
        String id = org.pendingRequest(dev, List.of(step("a", 2, lisa, bob, carol), step("b", 1, dan, carol)));

        List<Future<Integer>> answers = new ArrayList<>();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock =
                    holder.prepareStatement("select id from access_requests where id = ? for update")) {
                lock.setString(1, id);
                lock.executeQuery().close();
            }
            int pid = backendPid(holder);
            CountDownLatch start = new CountDownLatch(1);
            // all three queue at the lock; two complete step a and the third must not land on step b
            for (Person approver : List.of(lisa, bob)) {
                answers.add(approveAfter(start, approver, id));
            }
            start.countDown();
            awaitWaiting(pid, 2);
            answers.add(approveAfter(new CountDownLatch(0), carol, id));
            awaitWaiting(pid, 3);
            holder.commit();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }

        // PostgreSQL does not promise which queued locker goes first: whoever comes third finds the step done
        assertThat(statuses).containsExactlyInAnyOrder(200, 200, 409);
        assertThat(jdbc.sql("select step_index, approver from decisions where request_id = ? order by id")
                        .param(id)
                        .query((rs, n) -> rs.getInt(1) + ":" + rs.getString(2))
                        .list())
                .hasSize(2)
                .allMatch(decision -> decision.startsWith("0:"))
                .isSubsetOf("0:" + lisa.name(), "0:" + bob.name(), "0:" + carol.name());
        assertThat(api.asAdmin()
                        .get("/api/v1/requests/" + id)
                        .expect(200)
                        .json()
                        .get("currentStep")
                        .asInt())
                .isEqualTo(1);
        // read now, at step 1, carol's approval is for step 1, unless hers was one of the two on step 0:
        // the policy then wants another approver for step 1
        Person second = statuses.get(2) == 409 ? carol : dan;
        api.as(second.token()).post("/api/v1/requests/" + id + "/approve", "{}").expect(200);
        assertThat(api.status(id)).isEqualTo("APPROVED");
    }

    private Future<Integer> approveAfter(CountDownLatch start, Person approver, String id) {
        return threads.submit(() -> {
            start.await();
            return api.as(approver.token())
                    .post("/api/v1/requests/" + id + "/approve", "{}")
                    .status();
        });
    }

    private void awaitWaiting(int pid, int sessions) {
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        jdbc.sql(WAITING_BEHIND).param(pid).query(Long.class).single() >= sessions);
    }

    private static int backendPid(Connection connection) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("select pg_backend_pid()");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
