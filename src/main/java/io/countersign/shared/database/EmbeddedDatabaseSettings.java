package io.countersign.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Keeps an embedded H2 database open until the application closes it. H2 otherwise closes the
 * database from a JVM shutdown hook of its own ({@code DB_CLOSE_ON_EXIT}), which runs beside Spring's
 * on SIGTERM: the waiters that the graceful shutdown answers with their request's state, and the calls
 * it lets finish, then met "Database is already closed". With the hook off, the database still closes
 * cleanly when the context closes its pools, as H2 closes a database when its last connection closes.
 * Set on the pool rather than only in the default URL so that an operator's own H2 URL gets it too; a
 * URL that names the setting keeps the operator's choice, and a server's URL ({@code tcp:}, {@code ssl:})
 * is left alone, as its database lives in another process.
 */
@Component
class EmbeddedDatabaseSettings implements BeanPostProcessor {

    static final String CLOSE_ON_EXIT = "DB_CLOSE_ON_EXIT";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && embedded(pool.getJdbcUrl())) {
            pool.setJdbcUrl(pool.getJdbcUrl() + ";" + CLOSE_ON_EXIT + "=FALSE");
        }
        return bean;
    }

    static boolean embedded(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:")
                && !lower.startsWith("jdbc:h2:tcp:")
                && !lower.startsWith("jdbc:h2:ssl:")
                && !lower.contains(CLOSE_ON_EXIT.toLowerCase(Locale.ROOT));
    }
}
