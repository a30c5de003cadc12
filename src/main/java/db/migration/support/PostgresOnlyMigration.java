package db.migration.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A migration that only PostgreSQL needs (a partial or block-range index, a trigger, an advisory lock):
 * on H2 it is recorded as applied and does nothing, so both databases keep one migration history.
 */
public abstract class PostgresOnlyMigration extends BaseJavaMigration {

    @Override
    public final void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            migrate(statement);
        }
    }

    /** The migration's statements, run on PostgreSQL only. */
    protected abstract void migrate(Statement statement) throws SQLException;
}
