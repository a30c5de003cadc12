package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.countersign.testing.MutableClock;
import io.countersign.testing.TcpProxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Readiness on PostgreSQL while every connection of the pool is lent out: a burst that takes them all
 * leaves the database answering, so the instance stays in rotation (a fleet leaving its load balancer
 * together would only make the burst worse), and it still leaves rotation once the database is gone.
 */
class BusyPoolReadinessTests {

    TcpProxy proxy;
    Instance instance;
    final List<Connection> held = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ProxiedDatabase database = ProxiedDatabase.create();
        proxy = database.proxy();
        instance = Instance.start("busy", database.url(), new MutableClock());
        instance.get(null, "/actuator/health/readiness").expect(200);
    }

    @AfterEach
    void stop() throws Exception {
        for (Connection connection : held) {
            connection.close();
        }
        Instance.closeAll(instance, proxy);
    }

    @Test
    void anInstanceWhosePoolIsBusyStaysReadyAndSaysTheDatabaseAnswers() throws SQLException {
        holdEveryConnection();

        Health database = probedWhileHeld();
        assertThat(database.getStatus()).isEqualTo(Status.UP);
        assertThat(database.getDetails())
                .containsEntry("pool", "busy")
                .hasEntrySatisfying(
                        "reason", reason -> assertThat((String) reason).contains("every connection is in use"));
    }

    @Test
    void anInstanceWhosePoolIsBusyLeavesRotationOnceTheDatabaseIsGone() throws SQLException {
        holdEveryConnection();
        assertThat(probedWhileHeld().getStatus()).isEqualTo(Status.UP);

        proxy.cut();

        await().dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> instance.get(null, "/actuator/health/readiness").status() == 503);
        Health database = instance.bean("database", HealthIndicator.class).health();
        assertThat(database.getStatus()).isEqualTo(Status.DOWN);
        assertThat(database.getDetails()).doesNotContainKey("pool");
    }

    /**
     * The database component's first answer after every connection was taken: the one before, with no
     * details, is reused for half a second.
     */
    private Health probedWhileHeld() {
        HealthIndicator database = instance.bean("database", HealthIndicator.class);
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(database::health, health -> !health.getDetails().isEmpty());
    }

    /** Takes every connection the request pool may open, as a burst of slow calls would. */
    private void holdEveryConnection() throws SQLException {
        HikariDataSource pool = instance.bean(DataSource.class).unwrap(HikariDataSource.class);
        for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
            held.add(pool.getConnection());
        }
    }
}
