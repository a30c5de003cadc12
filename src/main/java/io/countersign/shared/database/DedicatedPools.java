package io.countersign.shared.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Creates small connection pools apart from the request pool, with the same database and
 * credentials, for background work that request threads wait for: if that work borrowed from the
 * request pool, threads holding every connection while they wait would starve it. The caller closes
 * the pool it created.
 */
@Component
public class DedicatedPools {

    private final HikariDataSource requestPool;

    DedicatedPools(DataSource dataSource) throws SQLException {
        this.requestPool = dataSource.unwrap(HikariDataSource.class);
    }

    /** A pool of at most {@code size} connections named {@code name}, opened on first use. */
    public HikariDataSource create(String name, int size) {
        HikariConfig config = new HikariConfig();
        requestPool.copyStateTo(config);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        // opened lazily, so that a database that is down at start does not fail the start here
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
