package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The outbox holds webhook deliveries (a webhook id, channel {@code WEBHOOK}, no recipient) and
 * notifications (a channel such as {@code EMAIL}, a recipient, no webhook). On PostgreSQL the indexes
 * that only one kind's queries read hold only that kind's rows, so inserting and updating a row
 * maintains five or six indexes rather than eight: by webhook for webhook deliveries; by channel,
 * recipient and request for notifications (docs/adr/0028-fewer-writes-per-request.md). Every query
 * that reads them names its kind in a way the planner proves the index predicate from. H2 has no
 * partial indexes and keeps them whole.
 *
 * <p>On both, {@code access_requests_created_by_id} goes: the only look-up by creator is the
 * idempotency key's, which its unique index {@code (created_by_id, idempotency_key)} serves.
 */
public class V91__delivery_indexes_by_kind extends BaseJavaMigration {

    private static final String[][] PARTIAL = {
        {"webhook_deliveries_webhook", "(webhook_id, seq) where webhook_id is not null"},
        {"webhook_deliveries_webhook_state", "(webhook_id, state, seq) where webhook_id is not null"},
        {"webhook_deliveries_channel", "(channel, seq) where channel <> 'WEBHOOK'"},
        {"webhook_deliveries_recipient", "(recipient_id, seq) where recipient_id is not null"},
        {"webhook_deliveries_request", "(request_id, seq) where channel <> 'WEBHOOK'"}
    };

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        try (Statement statement = connection.createStatement()) {
            if (postgres) {
                for (String[] index : PARTIAL) {
                    statement.execute("drop index " + index[0]);
                    statement.execute("create index " + index[0] + " on webhook_deliveries " + index[1]);
                }
            }
            statement.execute("drop index access_requests_created_by_id");
        }
    }
}
