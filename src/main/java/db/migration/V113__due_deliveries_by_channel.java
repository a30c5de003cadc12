package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Each channel's sender reads its own due deliveries, so the dispatcher's index leads with the
 * channel: the webhooks' sender never reads through a backlog of mail waiting for its server, and
 * each channel's rows come in due order without a sort. It replaces the index by due time alone
 * rather than joining it, so that a write maintains no more indexes than before. On PostgreSQL it
 * holds only pending rows (as V90 explains); H2 has no partial indexes and keeps the state in front.
 */
public class V113__due_deliveries_by_channel extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop index webhook_deliveries_due");
            statement.execute(
                    postgres
                            ? "create index webhook_deliveries_channel_due on webhook_deliveries"
                                    + " (channel, next_attempt_at, seq) where state = 'PENDING'"
                            : "create index webhook_deliveries_channel_due on webhook_deliveries"
                                    + " (state, channel, next_attempt_at, seq)");
        }
    }
}
