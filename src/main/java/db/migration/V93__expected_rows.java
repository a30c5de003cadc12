package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, a function that fails its statement when a change did not change the rows it
 * expected: a transaction's last writes are sent with its commit, and a version check among them must
 * stop the commit on the server, before it happens, rather than be read from the answer after it.
 * SQLSTATE {@code CS001}; the message is the statement's place in its pipeline. H2 never sends a
 * commit with its writes and needs none.
 */
public class V93__expected_rows extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    create function countersign_expect_rows(changed bigint, expected integer, place integer)
                    returns bigint language plpgsql as $$
                    begin
                        if changed <> expected then
                            raise exception using errcode = 'CS001', message = place::text;
                        end if;
                        return changed;
                    end $$""");
        }
    }
}
