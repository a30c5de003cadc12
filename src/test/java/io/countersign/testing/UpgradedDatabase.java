package io.countersign.testing;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An empty database of either kind, migrated step by step as an upgrade would: first to the schema an
 * older release left, where a test writes that release's rows, then to the latest.
 */
public final class UpgradedDatabase {

    private UpgradedDatabase() {}

    /** A new, empty database: {@code h2} in memory, or {@code postgresql} on the tests' server. */
    public static DataSource fresh(String database) {
        String name = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        if (database.equals("h2")) {
            return new DriverManagerDataSource(
                    "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                            + "DB_CLOSE_DELAY=-1",
                    "sa",
                    "");
        }
        return new DriverManagerDataSource(PostgresDatabases.createDatabase(name));
    }

    /** Migrates to {@code target}: a version such as {@code 114}, or {@code latest}. */
    public static void migrate(DataSource dataSource, String target) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target(target)
                .load()
                .migrate();
    }
}
