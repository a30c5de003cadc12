package db.migration;

import db.migration.support.PostgresOnlyMigration;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A timer has a heartbeat only while an instance runs it, yet every timer a request or grant schedules
 * entered {@code scheduled_tasks_last_heartbeat} with its empty heartbeat: a WAL record and a leaf page
 * per timer for an entry nothing reads. db-scheduler reads that index only to find executions whose
 * heartbeat stopped ({@code last_heartbeat <= ?}, which no empty heartbeat matches), so on PostgreSQL
 * it holds the timers being run only. H2 has no partial indexes and keeps it whole.
 */
public class V110__heartbeat_index_of_picked_timers_only extends PostgresOnlyMigration {

    @Override
    protected void migrate(Statement statement) throws SQLException {
        statement.execute("drop index scheduled_tasks_last_heartbeat");
        statement.execute("create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat)"
                + " where last_heartbeat is not null");
    }
}
