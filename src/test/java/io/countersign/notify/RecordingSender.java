package io.countersign.notify;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestComponent;

/**
 * The sender of the {@code TEST} channel: records every notification handed to it, and fails or
 * refuses them when a test says so.
 */
@TestComponent
public class RecordingSender implements NotificationSender {

    public static final String CHANNEL = "TEST";

    enum Mode {
        ACCEPT,
        FAIL,
        REFUSE,
        /** Finds the notification no longer needed, as mail does for a step that ended meanwhile. */
        SKIP,
        /** Waits for its configuration, as mail does before a server is saved. */
        WAIT,
        /** Throws what a careless sender might: a message that names the server's address. */
        THROW,
        /** Throws a refused connection wrapped as a careless sender might. */
        THROW_REFUSED
    }

    static final String ADDRESS = "https://hooks.example/secret-path";

    static final String WAITING_FOR = "the test channel is not set up";

    static final String NOT_NEEDED = "Not sent: the step is over";

    private final List<Notification> accepted = new CopyOnWriteArrayList<>();
    private final List<Notification> attempted = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ACCEPT);

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Optional<String> waitingFor() {
        return mode.get() == Mode.WAIT ? Optional.of(WAITING_FOR) : Optional.empty();
    }

    @Override
    public SendResult send(Notification notification) {
        attempted.add(notification);
        if (mode.get() == Mode.WAIT) {
            return SendResult.waiting(WAITING_FOR);
        }
        if (mode.get() == Mode.THROW) {
            throw new IllegalStateException("posting to " + ADDRESS + " failed");
        }
        if (mode.get() == Mode.THROW_REFUSED) {
            throw new UncheckedIOException(
                    "posting to " + ADDRESS + " failed", new ConnectException("Connection refused"));
        }
        if (mode.get() == Mode.SKIP) {
            return SendResult.skipped(NOT_NEEDED);
        }
        if (mode.get() == Mode.REFUSE) {
            return SendResult.refused("no address for " + notification.recipientId());
        }
        boolean failsNow = failuresLeft.computeIfPresent(notification.recipientId(), (id, n) -> n - 1) != null;
        failuresLeft.remove(notification.recipientId(), 0);
        if (mode.get() == Mode.FAIL || failsNow) {
            return SendResult.failed("the test channel is down");
        }
        accepted.add(notification);
        return SendResult.ok();
    }

    void reset() {
        accepted.clear();
        attempted.clear();
        failuresLeft.clear();
        mode.set(Mode.ACCEPT);
    }

    /** The next attempts to tell this user fail. */
    void failNext(String recipientId, int attempts) {
        failuresLeft.put(recipientId, attempts);
    }

    void set(Mode newMode) {
        mode.set(newMode);
    }

    /** What reached the recipient, for one user id. */
    List<Notification> acceptedFor(String recipientId) {
        return accepted.stream()
                .filter(n -> n.recipientId().equals(recipientId))
                .toList();
    }

    List<Notification> attemptedFor(String recipientId) {
        return attempted.stream()
                .filter(n -> n.recipientId().equals(recipientId))
                .toList();
    }
}
