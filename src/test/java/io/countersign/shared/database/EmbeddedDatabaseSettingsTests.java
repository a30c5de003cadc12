package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An embedded database writes each commit to its file before the call that made it is answered, so a
 * write answered 201 survives a {@code kill -9}; H2 on its own flushes commits up to 500 ms later.
 */
class EmbeddedDatabaseSettingsTests {

    @TempDir
    Path directory;

    @Test
    void theEmbeddedDefaultWritesEveryCommitAtOnce() throws SQLException {
        try (HikariDataSource pool = settled("jdbc:h2:file:" + directory.resolve("countersign")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")) {
            assertThat(setting(pool, "WRITE_DELAY")).containsOnly("0");
        }
    }

    @Test
    void anOperatorsOwnWriteDelayIsKept() throws SQLException {
        try (HikariDataSource pool = settled("jdbc:h2:file:" + directory.resolve("own") + ";WRITE_DELAY=200")) {
            assertThat(setting(pool, "WRITE_DELAY")).containsOnly("200");
        }
    }

    @Test
    void aServersUrlIsLeftAlone() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:tcp://localhost/~/countersign");
        new EmbeddedDatabaseSettings().postProcessAfterInitialization(pool, "dataSource");
        assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:h2:tcp://localhost/~/countersign");
    }

    private static HikariDataSource settled(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        new EmbeddedDatabaseSettings().postProcessAfterInitialization(pool, "dataSource");
        return pool;
    }

    // a setting given in the URL is listed twice: as stored in the file and as in force
    private static java.util.List<String> setting(HikariDataSource pool, String name) {
        return JdbcClient.create(pool)
                .sql("select setting_value from information_schema.settings where setting_name = ?")
                .param(name)
                .query(String.class)
                .list();
    }
}
