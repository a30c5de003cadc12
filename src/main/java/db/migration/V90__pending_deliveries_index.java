package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The dispatcher's index in the order it reads: pending deliveries by due time, then by queueing
 * order. On PostgreSQL it holds only pending rows. Without the state as a leading column, an update of
 * one delivery by its id can no longer be planned as a scan of every pending row: on a table whose
 * statistics are missing or old (a new installation, a database where autovacuum lags) the planner
 * costed both indexes alike and kept the wrong plan for the life of the connection, and a backlog of
 * mail made every attempt a scan of thousands of rows. H2 has no partial indexes; its index
 * keeps the state in front.
 */
public class V90__pending_deliveries_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop index webhook_deliveries_due");
            statement.execute(
                    postgres
                            ? "create index webhook_deliveries_due on webhook_deliveries (next_attempt_at, seq)"
                                    + " where state = 'PENDING'"
                            : "create index webhook_deliveries_due on webhook_deliveries (state, next_attempt_at, seq)");
        }
    }
}
