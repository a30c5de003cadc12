package io.countersign.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import io.countersign.shared.secrets.HiddenValueFailureAnalyzer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Refuses a database URL of a kind the service cannot run on before the first connection is tried.
 * Spring Boot picks the driver from the URL's prefix and falls back to the embedded H2 driver for one
 * it does not know, so a slip such as {@code jdbc:postgres://} stopped the start with an error that
 * blamed the H2 driver, and one without {@code jdbc} at all ({@code postgresql://…}) with a stack trace.
 * Only PostgreSQL and H2 have drivers and migrations here.
 */
@Component
class DatabaseUrlCheck implements BeanPostProcessor {

    private static final String POSTGRESQL = "jdbc:postgresql:";
    private static final String H2 = "jdbc:h2:";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
            check(pool.getJdbcUrl());
        }
        return bean;
    }

    /**
     * The URL as bound, before any pool is built from it: Spring Boot picks the driver while it builds
     * the pool and stops the start with a stack trace for a URL that does not begin with {@code jdbc}.
     */
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSourceProperties properties && properties.getUrl() != null) {
            check(properties.getUrl());
        }
        return bean;
    }

    private static void check(String url) {
        String trimmed = url.strip();
        if (!trimmed.startsWith(POSTGRESQL) && !trimmed.startsWith(H2)) {
            throw new InvalidConfigurationPropertyValueException(
                    "spring.datasource.url",
                    HiddenValueFailureAnalyzer.HIDDEN,
                    "COUNTERSIGN_DB_URL must start with " + POSTGRESQL + " (PostgreSQL, e.g. " + POSTGRESQL
                            + "//db.internal:5432/countersign) or " + H2 + " (the embedded database), but it is "
                            + RedactedDatabaseUrl.of(url) + " (shown without credentials or parameters).");
        }
    }
}
