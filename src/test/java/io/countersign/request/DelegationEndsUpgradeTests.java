package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.countersign.testing.UpgradedDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A delegation created before its end was a timer gets the timer it would have had when the service
 * is upgraded, on both databases: one still running, and one past its until whose end was never
 * recorded, each due at its until; none for an ended delegation, and a timer already there is kept.
 */
class DelegationEndsUpgradeTests {

    private static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 11, 2, 9, 0, 0, 0, ZoneOffset.UTC);

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void everyDelegationNotRecordedAsEndedIsGivenItsEndTimer(String database) {
        DataSource dataSource = UpgradedDatabase.fresh(database);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        UpgradedDatabase.migrate(dataSource, "115");
        delegation(jdbc, "dlg-running", CREATED.plusDays(30), null);
        delegation(jdbc, "dlg-overdue", CREATED.plusDays(1), null);
        delegation(jdbc, "dlg-ended", CREATED.plusDays(30), CREATED.plusDays(2));
        delegation(jdbc, "dlg-timed", CREATED.plusDays(30), null);
        jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version,
                            priority)
                        values ('delegation-end', 'dlg-timed', null, ?, false, 1, 50)""").param(CREATED.plusDays(30)).update();

        UpgradedDatabase.migrate(dataSource, "latest");

        SchedulerClient scheduler = SchedulerClient.Builder.create(
                        dataSource, Tasks.oneTime(DelegationEnds.TASK).execute((instance, context) -> {}))
                .build();
        Map<String, Instant> due = scheduler.getScheduledExecutionsForTask(DelegationEnds.TASK).stream()
                .collect(Collectors.toMap(e -> e.getTaskInstance().getId(), ScheduledExecution::getExecutionTime));
        assertThat(due)
                .containsOnly(
                        Map.entry("dlg-running", CREATED.plusDays(30).toInstant()),
                        Map.entry("dlg-overdue", CREATED.plusDays(1).toInstant()),
                        Map.entry("dlg-timed", CREATED.plusDays(30).toInstant()));
    }

    private static void delegation(JdbcClient jdbc, String id, OffsetDateTime until, OffsetDateTime endedAt) {
        jdbc.sql("""
                        insert into delegations (id, delegator_id, delegator, delegate_id, delegate, starts_at, until_at,
                            resources, created_by, created_at, ended_at)
                        values (?, 'usr-lisa', 'lisa', 'usr-sam', 'sam', ?, ?, null, 'lisa', ?, ?)""").params(id, CREATED, until, CREATED, endedAt).update();
    }
}
