package io.countersign.shared.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.CountersignTest;
import io.countersign.testing.GenericPlans;
import io.countersign.testing.OnPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every timer a request or grant schedules is a row of {@code scheduled_tasks}, so each index on it
 * costs every lifecycle a write: the table keeps only those db-scheduler reads (V95).
 */
@CountersignTest
@OnPostgres
class TimerIndexesOnPostgresTests {

    /** db-scheduler's pick-up of due executions when prioritisation is off. */
    private static final String DUE =
            "select * from scheduled_tasks where picked = ? and execution_time <= ? order by execution_time asc limit 30";

    /** db-scheduler's search for executions whose instance stopped sending heartbeats. */
    private static final String DEAD =
            "select * from scheduled_tasks where picked = ? and last_heartbeat <= ? order by last_heartbeat asc";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Environment environment;

    @Test
    void dueTimersArePickedUpInIndexOrderWithoutASortFromATableOfTimers() {
        String plan = GenericPlans.of(jdbc, transactions, """
                insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                select 'request-timer', 'req-plan-' || n, now() + n * interval '1 second', false, 1, 0
                from generate_series(1, 2000) n;
                analyze scheduled_tasks""", DUE);

        assertThat(plan).contains("scheduled_tasks_execution_time").doesNotContain("Sort");
    }

    @Test
    void deadExecutionsAreFoundInHeartbeatOrderFromAnIndexOfTheTimersBeingRunOnly() {
        String plan = GenericPlans.of(jdbc, transactions, """
                insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                select 'request-timer', 'req-waiting-' || n, now() + n * interval '1 second', false, 1, 0
                from generate_series(1, 2000) n;
                insert into scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,
                    last_heartbeat, version, priority)
                select 'request-timer', 'req-running-' || n, now(), true, 'instance', now(), 2, 0
                from generate_series(1, 20) n;
                analyze scheduled_tasks""", DEAD);

        assertThat(plan).contains("scheduled_tasks_last_heartbeat").doesNotContain("Sort");
        // a timer waiting to run has no heartbeat, and no entry
        assertThat(jdbc.queryForObject(
                        "select indexdef from pg_indexes where indexname = 'scheduled_tasks_last_heartbeat'",
                        String.class))
                .endsWith("WHERE (last_heartbeat IS NOT NULL)");
    }

    @Test
    void theTimersTableKeepsOnlyTheIndexesTheSchedulerReads() {
        assertThat(environment.getProperty("db-scheduler.priority-enabled", Boolean.class, false))
                .as("prioritisation would read the index V95 dropped")
                .isFalse();
        assertThat(jdbc.queryForList(
                        "select indexname from pg_indexes where tablename = 'scheduled_tasks'", String.class))
                .containsExactlyInAnyOrder(
                        "scheduled_tasks_pkey", "scheduled_tasks_execution_time", "scheduled_tasks_last_heartbeat");
    }
}
