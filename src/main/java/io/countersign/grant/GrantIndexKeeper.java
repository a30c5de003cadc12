package io.countersign.grant;

import io.countersign.shared.database.DatabaseNotifications;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's {@link GrantIndex} current on PostgreSQL: a trigger on the grants table
 * notifies {@value #CHANNEL} with the key of every row it writes, in the writing transaction (so
 * every write path, whatever module or statement makes it), and this marks the key changed. Each time
 * listening (re)starts the index is cleared and loaded again, since payloads sent while nobody listened
 * are lost. On H2 there are no notifications and the index stays empty: every check reads the database.
 */
@Component
class GrantIndexKeeper implements DisposableBean {

    static final String CHANNEL = "grant_changes";
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(GrantIndexKeeper.class);

    private final GrantIndex index = new GrantIndex();
    private final GrantRepository repository;
    private final Clock clock;
    private final boolean enabled;
    private final ScheduledExecutorService loader;

    GrantIndexKeeper(GrantRepository repository, Clock clock, DatabaseNotifications notifications) {
        this.repository = repository;
        this.clock = clock;
        this.enabled = notifications.available();
        this.loader = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "grant-index");
            thread.setDaemon(true);
            return thread;
        });
        if (enabled) {
            notifications.listen(CHANNEL, this::changed);
            notifications.onListening(this::restart);
            notifications.onListeningLost(index::clear);
            loader.scheduleWithFixedDelay(
                    () -> index.prune(clock.instant()),
                    PRUNE_EVERY.toMillis(),
                    PRUNE_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    GrantIndex index() {
        return index;
    }

    /** Payload: the holder's name, the resource and the account, one a line (names have no line breaks). */
    private void changed(String payload) {
        String[] parts = payload.split("\n", -1);
        if (parts.length == 3) {
            index.changed(new GrantIndex.Key(parts[0], parts[1], parts[2]));
        } else {
            // a key this instance cannot read: nothing it holds may be trusted
            log.warn("Unreadable grant change notification; reloading the grant index");
            restart();
        }
    }

    private void restart() {
        index.clear();
        long generation = index.generation();
        loader.execute(() -> load(generation));
    }

    private void load(long generation) {
        if (generation != index.generation()) {
            return;
        }
        try {
            List<Grant> all = repository.allNotEnded(clock.instant());
            index.loaded(generation, all);
            log.debug("Grant index loaded: {} keys", index.size());
        } catch (RuntimeException e) {
            log.warn("Loading the grant index failed; checks read the database until it loads: {}", e.toString());
            loader.schedule(() -> load(generation), RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Keeps what a check read from the database, unless the key changed meanwhile; nothing on H2. */
    void install(GrantIndex.Key key, GrantIndex.Stamp stamp, List<Grant> grants) {
        if (enabled) {
            index.install(key, stamp, grants);
        }
    }

    @Override
    public void destroy() {
        loader.shutdownNow();
    }
}
