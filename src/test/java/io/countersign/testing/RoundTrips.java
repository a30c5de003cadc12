package io.countersign.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Wraps the application's pools on PostgreSQL so that every statement executed and every commit or
 * rollback counts as a round trip, and keeps the SQL prepared meanwhile. Background work that runs on
 * its own (the timers' polling, the waiters' poll, the webhook senders) is left out, so that a test
 * counts what a call it makes costs. Import it into an {@link OnPostgres} test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RoundTrips {

    private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();
    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();
    private static final Set<String> EXECUTING = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch");

    /** The round trips counted so far; subtract two readings to count what happened between them. */
    public static int count() {
        return ROUND_TRIPS.get();
    }

    /** Forgets the statements kept so far. */
    public static void clearStatements() {
        STATEMENTS.clear();
    }

    /** What was prepared ({@code prepared: sql}) and executed (the method's name) since the last clearing. */
    public static List<String> statements() {
        return List.copyOf(STATEMENTS);
    }

    /** How often this SQL was prepared since the last clearing. */
    public static long occurrences(String sql) {
        return STATEMENTS.stream()
                .mapToLong(statement -> statement.split(sql, -1).length - 1L)
                .sum();
    }

    @Bean
    static BeanPostProcessor countRoundTrips() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource ? counting(DataSource.class, dataSource) : bean;
            }
        };
    }

    static <T> T counting(Class<T> type, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            String called = method.getName();
            boolean foreground = !Thread.currentThread().getName().matches(".*(scheduler|waiter|delivery-sender).*");
            if (foreground
                    && (EXECUTING.contains(called)
                            || ((called.equals("commit") || called.equals("rollback"))
                                    && inTransaction((Connection) target)))) {
                ROUND_TRIPS.incrementAndGet();
                STATEMENTS.add(called);
            }
            if (foreground && called.equals("prepareStatement") && args[0] instanceof String sql) {
                STATEMENTS.add("prepared: " + sql.replaceAll("\\s+", " "));
            }
            try {
                Object result = method.invoke(target, args);
                if (result instanceof Connection connection && type != Connection.class) {
                    return counting(Connection.class, connection);
                }
                if (result instanceof Statement && method.getReturnType().isInterface()) {
                    return wrap(method.getReturnType(), result);
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getTargetException();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** The driver sends no commit or rollback for a connection outside a transaction. */
    private static boolean inTransaction(Connection connection) throws SQLException {
        return connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
    }

    @SuppressWarnings("unchecked")
    private static Object wrap(Class<?> type, Object target) {
        return counting((Class<Object>) type, target);
    }
}
