package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, the request indexes of two columns most requests leave empty (the idempotency key,
 * the grant an extension extends) hold only the requests that have them, so creating a request, and
 * every change of its status, maintains six indexes rather than eight. Their look-ups compare the
 * column with {@code =}, from which the planner proves the predicate; uniqueness of idempotency keys
 * is unchanged, since requests without one never conflicted. H2 has no partial indexes and keeps
 * them whole.
 */
public class V94__request_indexes_of_optional_columns extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop index access_requests_idempotency_id");
            statement.execute("create unique index access_requests_idempotency_id on access_requests"
                    + " (created_by_id, idempotency_key) where idempotency_key is not null");
            statement.execute("drop index access_requests_extends_grant");
            statement.execute("create index access_requests_extends_grant on access_requests (extends_grant_id)"
                    + " where extends_grant_id is not null");
        }
    }
}
