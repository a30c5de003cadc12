package io.countersign.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.QueryExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells every instance sharing a PostgreSQL database that something committed, with {@code
 * LISTEN/NOTIFY}: {@link #notifyOnCommit} sends a payload on a channel when the caller's transaction
 * commits (and never if it rolls back), and the handlers given to {@link #listen} receive it on every
 * instance, this one included, within milliseconds. One connection of its own per instance listens.
 *
 * <p>A notification is a hint, not a delivery: payloads sent while an instance's listening connection
 * was broken are lost to it. Whoever listens must also look for what it waits for by itself (a
 * poll), as it does on H2, where notifications do nothing.
 */
@Component
public class DatabaseNotifications implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_]{1,60}");
    private static final int WAIT_MILLIS = 500;
    private static final int SEND_TIMEOUT_MILLIS = 5_000;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final boolean postgres;
    private final DedicatedPools pools;
    private final CommitWrites commitWrites;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> onListening = new CopyOnWriteArrayList<>();
    private final List<Runnable> onLost = new CopyOnWriteArrayList<>();
    private volatile boolean listening;
    private final ListenerSends sends = new ListenerSends();
    private final Object monitor = new Object();
    private volatile Thread thread;
    private HikariDataSource pool;

    DatabaseNotifications(Environment environment, DedicatedPools pools, CommitWrites commitWrites) {
        this.commitWrites = commitWrites;
        this.postgres =
                String.valueOf(environment.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql:");
        this.pools = pools;
    }

    /** Whether notifications reach other instances here (PostgreSQL); when false, only polls do. */
    public boolean available() {
        return postgres;
    }

    /**
     * Sends {@code payload} on {@code channel} when the surrounding transaction commits. Call inside
     * the transaction whose commit is the news. Does nothing on H2.
     */
    public void notifyOnCommit(String channel, String payload) {
        if (postgres) {
            // PostgreSQL holds a transaction's notifications until it commits: sent with its last writes
            commitWrites.add(
                    List.of(Pipelined.query("select pg_notify(?, ?)", List.of(checked(channel), payload), rs -> null)));
        }
    }

    /** Calls {@code handler} with each payload sent on {@code channel} by any instance. */
    public void listen(String channel, Consumer<String> handler) {
        handlers.computeIfAbsent(checked(channel), c -> new CopyOnWriteArrayList<>())
                .add(handler);
    }

    /**
     * Calls {@code action} on the listening thread each time listening (re)starts, after {@code LISTEN}
     * and before any payload received on the new connection is handed on: whatever was sent while no
     * connection listened is lost, so a cache kept current by payloads must start over here.
     */
    public void onListening(Runnable action) {
        onListening.add(action);
    }

    /** Calls {@code action} when the listening connection failed: payloads may be lost until it listens again. */
    public void onListeningLost(Runnable action) {
        onLost.add(action);
    }

    /** Whether a connection listens now: payloads sent from now on reach this instance's handlers. */
    public boolean listening() {
        return listening;
    }

    private static String checked(String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("Not a channel name: " + channel);
        }
        return channel;
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            try (Connection connection = pool.getConnection()) {
                // autocommit: LISTEN takes effect at once, and the connection holds no transaction open
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    for (String channel : handlers.keySet()) {
                        statement.execute("listen " + channel);
                    }
                    // what this connection commits is only fences: their order in the notification
                    // queue is what counts, never their durability, so none waits for a disk flush
                    statement.execute("set synchronous_commit = off");
                }
                // bounded: a database that stops answering costs a reconnection, never a stuck thread
                connection.setNetworkTimeout(Runnable::run, SEND_TIMEOUT_MILLIS);
                PGConnection listener = connection.unwrap(PGConnection.class);
                // what the last round trip brought in, read without the driver's wait for more: its
                // getNotifications() first waits a millisecond on the socket, which would cost every
                // fence sent from here that millisecond
                QueryExecutor arrived = connection.unwrap(BaseConnection.class).getQueryExecutor();
                startedListening();
                try (PreparedStatement send = connection.prepareStatement("select pg_notify(?, ?)");
                        PreparedStatement ping = connection.prepareStatement("select 1")) {
                    while (thread == Thread.currentThread()) {
                        Map<String, Long> sending = sends.next();
                        if (sending == null) {
                            hand(listener.getNotifications(WAIT_MILLIS));
                            continue;
                        }
                        if (sending.isEmpty()) {
                            // awake with nothing to send: a round trip brings in what others sent
                            ping.executeQuery().close();
                        }
                        for (Map.Entry<String, Long> payload : sending.entrySet()) {
                            send.setString(1, payload.getKey());
                            send.setString(2, Long.toString(payload.getValue()));
                            send.executeQuery().close();
                        }
                        // what came back with those round trips, in the order it was sent
                        hand(arrived.getNotifications());
                    }
                }
            } catch (SQLException | RuntimeException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                lost();
                if (thread == Thread.currentThread()) {
                    log.warn("Listening for database notifications failed; retrying in {}: {}", RETRY, e.toString());
                    pause();
                }
            }
        }
    }

    private void hand(PGNotification[] received) {
        if (received != null) {
            for (PGNotification notification : received) {
                dispatch(notification.getName(), notification.getParameter());
            }
        }
    }

    /**
     * Sends {@code number} on {@code channel}, which this instance listens on, from the listening
     * connection itself, so that it comes back in one round trip after everything queued before it
     * ({@link ListenerSends}); a higher number not yet sent on the same channel covers it. False, and
     * the caller sends it otherwise, when the listening thread is not ready to send now.
     */
    public boolean sendFromListener(String channel, long number) {
        return listening && sends.offer(checked(channel), number);
    }

    /** Tells whoever keeps what notifications keep current that listening (re)started. */
    void startedListening() {
        listening = true;
        onListening.forEach(DatabaseNotifications::runQuietly);
    }

    private void lost() {
        boolean was = listening;
        listening = false;
        sends.reset();
        if (was) {
            onLost.forEach(DatabaseNotifications::runQuietly);
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("A listener of database notifications failed: {}", e.toString());
        }
    }

    void dispatch(String channel, String payload) {
        for (Consumer<String> handler : handlers.getOrDefault(channel, List.of())) {
            try {
                handler.accept(payload);
            } catch (RuntimeException e) {
                log.warn("A handler of the {} notification failed: {}", channel, e.toString());
            }
        }
    }

    private void pause() {
        synchronized (monitor) {
            try {
                monitor.wait(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void start() {
        if (!postgres || handlers.isEmpty() || thread != null) {
            return;
        }
        pool = pools.create("notifications", 1);
        thread = new Thread(this::run, "database-notifications");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread stopping = thread;
        thread = null;
        if (stopping != null) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
            try {
                stopping.join(WAIT_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lost();
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public void destroy() {
        stop();
    }
}
