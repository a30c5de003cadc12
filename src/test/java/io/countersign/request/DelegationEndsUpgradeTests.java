package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.countersign.testing.PostgresDatabases;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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
        DataSource dataSource = dataSource(database);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        migrate(dataSource, "115");
        delegation(jdbc, "dlg-running", CREATED.plusDays(30), null);
        delegation(jdbc, "dlg-overdue", CREATED.plusDays(1), null);
        delegation(jdbc, "dlg-ended", CREATED.plusDays(30), CREATED.plusDays(2));
        delegation(jdbc, "dlg-timed", CREATED.plusDays(30), null);
        jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version,
                            priority)
                        values ('delegation-end', 'dlg-timed', null, ?, false, 1, 50)""").param(CREATED.plusDays(30)).update();

        migrate(dataSource, "latest");

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

    private static void migrate(DataSource dataSource, String target) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target(target)
                .load()
                .migrate();
    }

    private static DataSource dataSource(String database) {
        String name = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        if (database.equals("h2")) {
            return new DriverManagerDataSource(
                    "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                            + "DB_CLOSE_DELAY=-1",
                    "sa",
                    "");
        }
        return new DriverManagerDataSource(PostgresDatabases.createDatabase(name));
    }
}
