package db.migration;

import db.migration.support.PostgresOnlyMigration;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * On PostgreSQL, requests and decisions hold a resource with a shared advisory lock instead of a shared
 * row lock (docs/adr/0035). This trigger makes every update or deletion of a resource's row take the
 * same key exclusively first, so that whatever writes the row, today's code or tomorrow's, waits for
 * the requests and decisions in flight on it, as it waited for their row locks. The key is the one
 * {@code ResourceStore} uses: 1129534035 (0x43535253) and {@code hashtext(name)}. H2 keeps locking the row.
 */
public class V102__resource_writers_wait_for_holders extends PostgresOnlyMigration {

    @Override
    protected void migrate(Statement statement) throws SQLException {
        statement.execute("""
                    create function resources_wait_for_holders() returns trigger language plpgsql as $$
                    begin
                        perform pg_advisory_xact_lock(1129534035, hashtext(old.name));
                        if tg_op = 'DELETE' then
                            return old;
                        end if;
                        if new.name <> old.name then
                            perform pg_advisory_xact_lock(1129534035, hashtext(new.name));
                        end if;
                        return new;
                    end
                    $$""");
        statement.execute("""
                    create trigger resources_wait_for_holders before update or delete on resources
                    for each row execute function resources_wait_for_holders()""");
    }
}
