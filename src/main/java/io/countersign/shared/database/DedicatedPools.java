package io.countersign.shared.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
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
    private final ObjectProvider<MeterRegistry> meters;

    DedicatedPools(DataSource dataSource, ObjectProvider<MeterRegistry> meters) throws SQLException {
        this.requestPool = dataSource.unwrap(HikariDataSource.class);
        this.meters = meters;
    }

    /** A pool of at most {@code size} connections named {@code name}, opened on first use. */
    public HikariDataSource create(String name, int size) {
        return new HikariDataSource(config(name, size));
    }

    /**
     * As {@link #create}, for work that takes rows from the head of a queue table by its index. On
     * PostgreSQL the pool's sessions never choose to read every page of a table when an index serves:
     * a queue's rows are removed as fast as they come, so its pages hold mostly dead rows until a
     * vacuum, and statistics the planner never received (no ANALYZE has run, or autovacuum is off)
     * make a scan of every page look cheaper than the index when it costs more on every pass.
     */
    public HikariDataSource createForQueue(String name, int size) {
        HikariConfig config = config(name, size);
        if (config.getJdbcUrl() != null && config.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            config.setConnectionInitSql("set enable_seqscan = off");
        }
        return new HikariDataSource(config);
    }

    private HikariConfig config(String name, int size) {
        HikariConfig config = new HikariConfig();
        requestPool.copyStateTo(config);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        // opened lazily, so that a database that is down at start does not fail the start here
        config.setInitializationFailTimeout(-1);
        // the request pool's meters are bound once every bean exists: a pool made before then has none
        if (config.getMetricsTrackerFactory() == null && config.getMetricRegistry() == null) {
            meters.ifAvailable(
                    registry -> config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry)));
        }
        return config;
    }
}
