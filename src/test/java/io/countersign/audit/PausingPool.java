package io.countersign.audit;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.countersign.shared.database.DedicatedPools;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * The sealer's own pool, whose connection stops the first time it is about to run a statement
 * starting with a given text, until resumed: as if the instance were paused there.
 */
final class PausingPool {

    final CountDownLatch paused = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final HikariConfig config = new HikariConfig();
    private final String before;

    PausingPool(DataSource requestPool, String before) throws SQLException {
        requestPool.unwrap(HikariDataSource.class).copyStateTo(config);
        config.setPoolName("audit-sealer");
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        this.before = before;
    }

    /** Pools that hand the sealer this pool. */
    DedicatedPools pools() {
        DedicatedPools pools = mock(DedicatedPools.class);
        when(pools.createForQueue(anyString(), anyInt())).thenAnswer(call -> create());
        return pools;
    }

    private HikariDataSource create() {
        return new HikariDataSource(config) {
            @Override
            public Connection getConnection() throws SQLException {
                return pausing(super.getConnection());
            }
        };
    }

    private Connection pausing(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement")
                    && args[0] instanceof String sql
                    && sql.startsWith(before)
                    && armed.compareAndSet(true, false)) {
                paused.countDown();
                resume.await();
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getTargetException();
            }
        };
        return (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }
}
