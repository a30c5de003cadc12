package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Orders request creations against offboardings (docs/adr/0046). {@code approver_departures} counts the
 * offboardings that took approvers out of requests; a creation reads it under its hold, so that an
 * instance knows when its cached view of the directory may predate one. On PostgreSQL the hold is a
 * shared advisory lock on the key 1095782482 (0x41505052), 0, taken by {@code hold_approvers()},
 * which reads the count after the lock is granted (a statement's own snapshot would predate the
 * wait); on H2 it is the row's lock.
 */
public class V130__approver_departures extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table approver_departures (id int primary key, departures bigint not null)");
            statement.execute("insert into approver_departures (id, departures) values (1, 0)");
            if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                statement.execute("""
                        create function hold_approvers() returns bigint language plpgsql volatile as $$
                        begin
                            perform pg_advisory_xact_lock_shared(1095782482, 0);
                            return (select departures from approver_departures where id = 1);
                        end
                        $$""");
            }
        }
    }
}
