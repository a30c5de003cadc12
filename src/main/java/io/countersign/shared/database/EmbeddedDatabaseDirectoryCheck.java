package io.countersign.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded database's directory to the service's user once the service has started: not
 * before, so that a start refused for a setting leaves nothing behind, while H2 creates the directory
 * at the first connection, as the umask allows.
 */
@Component
class EmbeddedDatabaseDirectoryCheck implements ApplicationListener<ApplicationStartedEvent> {

    private final List<DataSource> pools;
    private final EmbeddedDatabaseSettings settings;

    EmbeddedDatabaseDirectoryCheck(List<DataSource> pools, EmbeddedDatabaseSettings settings) {
        this.pools = pools;
        this.settings = settings;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent started) {
        for (DataSource pool : pools) {
            if (pool instanceof HikariDataSource hikari && EmbeddedDatabaseSettings.embedded(hikari.getJdbcUrl())) {
                EmbeddedDatabaseDirectory.secure(hikari.getJdbcUrl(), settings::madeByTheDatabase);
            }
        }
    }
}
