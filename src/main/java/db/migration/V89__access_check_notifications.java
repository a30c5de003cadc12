package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, triggers that tell every instance, in the writing transaction, what an access check
 * may have cached: the key (holder name, resource, account) of every grant row written, on {@code
 * grant_changes}, and that something an enforcement point's scope rests on changed (a user's role, a
 * scope, a resource's groups), on {@code enforcer_scope_changes}. Triggers rather than calls in the
 * code: every write path is covered, whichever module or statement makes it. H2 has no
 * notifications, so there is nothing to create there and checks always read the database.
 */
public class V89__access_check_notifications extends BaseJavaMigration {

    private static final String GRANT_FUNCTION = """
            create or replace function countersign_grant_changed() returns trigger language plpgsql as $$
            begin
                if tg_op <> 'INSERT' then
                    perform pg_notify('grant_changes',
                        old.username || chr(10) || old.resource_name || chr(10) || old.account_name);
                end if;
                if tg_op <> 'DELETE' then
                    perform pg_notify('grant_changes',
                        new.username || chr(10) || new.resource_name || chr(10) || new.account_name);
                end if;
                return null;
            end
            $$""";

    private static final String SCOPE_FUNCTION = """
            create or replace function countersign_enforcer_scope_changed() returns trigger language plpgsql as $$
            begin
                perform pg_notify('enforcer_scope_changes', '');
                return null;
            end
            $$""";

    private static final String[] SCOPE_TABLES = {
        "users", "enforcer_scope_resources", "enforcer_scope_groups", "resources", "resource_group_links"
    };

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(GRANT_FUNCTION);
            statement.execute("""
                    create trigger grants_notify_change after insert or update or delete on grants
                    for each row execute function countersign_grant_changed()""");
            statement.execute(SCOPE_FUNCTION);
            for (String table : SCOPE_TABLES) {
                statement.execute("create trigger " + table + "_notify_enforcer_scope"
                        + " after insert or update or delete or truncate on " + table
                        + " for each statement execute function countersign_enforcer_scope_changed()");
            }
        }
    }
}
