package io.countersign.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh installation tells people of every kind of notification by mail until an administrator or
 * the person chooses otherwise: a kind without an installed default reaches nobody who has not
 * subscribed, which for a break-glass use would mean nobody hears of it.
 */
class InstalledNotificationDefaultsTests {

    @Test
    void everyKindIsSentByMailOnAFreshInstallation() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:defaults_" + UUID.randomUUID().toString().replace("-", "")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa",
                "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (NotificationKind kind : NotificationKind.values()) {
            assertThat(jdbc.queryForList(
                            "select channels from notification_defaults where kind = ?", String.class, kind.name()))
                    .as(kind.name())
                    .containsExactly("EMAIL");
        }
    }
}
