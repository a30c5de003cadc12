package io.countersign.mail.internal.inbound;

import io.countersign.mail.MailSettings;
import io.countersign.mail.MailSettingsService;
import io.countersign.mail.MailSettingsUpdated;
import io.countersign.mail.internal.MailSessions;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Watches the reply folder while "Approve by Mail" is on, on one instance at a time (the one holding
 * the {@link WatchLease}): reads every message in it a batch at a time, has {@link ReplyDecisions}
 * apply or refuse each one and delete it, then waits for more with IDLE or, where the server cannot IDLE, by polling. A lost connection is
 * reopened with a growing pause. Saved settings end any wait at once: on the instance they were saved
 * on, and on the others through a database notification where there is one (PostgreSQL); failing
 * that, within {@code settings-check}. Logs say which message and why, never a body or a token.
 */
@Component
class MailboxWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailboxWatcher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** How long stopping waits for the watching thread, which closing the connection wakes at once. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** Messages fetched in one command; small enough to hold in memory at the size limit each. */
    private static final int BATCH = 20;

    /** Called between applying a message and deleting it; tests use it to crash at the worst moment. */
    interface BeforeDelete {
        void run(Message message) throws MessagingException;
    }

    private final InboundMailProperties properties;
    private final MailSessions sessions;
    private final ObjectProvider<InboundSettingsSource> settings;
    private final ReplyProcessor processor;
    private final ReplyDecisions decisions;
    private final WatchLease lease;
    private final Clock clock;
    private final BeforeDelete beforeDelete;
    private final Duration firstBackoff;
    private final String holder = "watcher-" + UUID.randomUUID();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /**
     * Set by a save (and by stopping); the watcher's next pause, or its next IDLE, is then skipped and
     * the settings read again, so that a save that came while it was busy is not waited out.
     */
    private boolean woken;

    private volatile boolean running;
    private volatile MailboxConnection connection;
    private Thread thread;

    @Autowired
    MailboxWatcher(
            InboundMailProperties properties,
            MailSessions sessions,
            ObjectProvider<InboundSettingsSource> settings,
            ReplyProcessor processor,
            ReplyDecisions decisions,
            WatchLease lease,
            Clock clock,
            MailSettingsService saves) {
        this(properties, sessions, settings, processor, decisions, lease, clock, message -> {}, FIRST_BACKOFF);
        saves.whenSavedAnywhere(this::settingsChanged);
    }

    MailboxWatcher(
            InboundMailProperties properties,
            MailSessions sessions,
            ObjectProvider<InboundSettingsSource> settings,
            ReplyProcessor processor,
            ReplyDecisions decisions,
            WatchLease lease,
            Clock clock,
            BeforeDelete beforeDelete,
            Duration firstBackoff) {
        this.properties = properties;
        this.sessions = sessions;
        this.settings = settings;
        this.processor = processor;
        this.decisions = decisions;
        this.lease = lease;
        this.clock = clock;
        this.beforeDelete = beforeDelete;
        this.firstBackoff = firstBackoff;
    }

    @Override
    public void start() {
        if (settings.getIfAvailable() == null || !processor.ready()) {
            log.info("Replies by mail are not read: no mail settings or no decider is configured");
            return;
        }
        running = true;
        thread = new Thread(this::watch, "mail-reply-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        signal();
        closeConnection();
        if (thread != null) {
            try {
                thread.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            lease.release(holder);
        } catch (RuntimeException databaseGone) {
            // the lease then expires on its own
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the save commits, so that the settings read next are the saved ones. */
    @TransactionalEventListener(fallbackExecution = true)
    void settingsSaved(MailSettingsUpdated saved) {
        settingsChanged();
    }

    /**
     * Ends a pause or an IDLE so that the settings are read again now: reading switched on starts at
     * once, and reading switched off, or moved to another server or folder, stops at once.
     */
    void settingsChanged() {
        signal();
        MailboxConnection open = connection;
        if (open != null) {
            open.wake();
        }
    }

    private void watch() {
        int failures = 0;
        MailSettings.Imap connectedTo = null;
        while (running) {
            InboundSettings current = InboundSettings.off();
            try {
                current = settings.getObject().current();
                if (!current.reading() || !lease.acquire(holder, leaseDuration())) {
                    closeConnection();
                    pause(current.reading() ? leaseDuration().dividedBy(3) : properties.settingsCheck());
                    continue;
                }
                if (connection == null || !Objects.equals(connectedTo, current.endpoint())) {
                    closeConnection();
                    connection = MailboxConnection.open(
                            sessions.watching(current.endpoint(), properties.idleRefresh()),
                            current.endpoint(),
                            (int) properties.maxMessageSize().toBytes(),
                            properties.idleRefresh());
                    connectedTo = current.endpoint();
                    log.info(
                            "Watching {} for replies ({})",
                            current.endpoint(),
                            connection.idles() ? "IDLE" : "polling");
                }
                int read = readFolder(connection, current);
                failures = 0;
                MailboxConnection open = connection;
                // a reply that arrived while these were settled was announced on this connection: it is
                // read now rather than after the next refresh; a pass that read nothing waits, whatever
                if (open != null && running && !wokenSinceLastLook() && !(read > 0 && open.holdsMessages())) {
                    open.await(() -> pause(properties.pollInterval()));
                }
            } catch (ApproveByMailOff off) {
                closeConnection();
                log.info("Approve by Mail was switched off; the replies not yet applied stay in the folder");
                // a save on this instance ends this at once; others' saves are seen by then
                pause(properties.settingsCheck());
            } catch (Exception e) {
                closeConnection();
                if (!running) {
                    break;
                }
                failures++;
                Duration backoff = backoff(failures);
                if (current.endpoint() == null) {
                    // the settings themselves could not be read, typically while the database is away
                    log.warn(
                            "Cannot read the settings of replies by mail ({}); trying again in {}s",
                            describe(e),
                            backoff.toSeconds());
                } else {
                    log.warn(
                            "Cannot read replies from {} ({}); trying again in {}s",
                            current.endpoint(),
                            describe(e),
                            backoff.toSeconds());
                }
                if (pauseUnlessChanged(backoff, current)) {
                    failures = 0;
                }
            }
        }
    }

    /**
     * One pass over the folder: every message applied or refused, then deleted, a batch at a time.
     * Returns how many messages the pass found.
     */
    private int readFolder(MailboxConnection open, InboundSettings current) throws Exception {
        Instant renewed = clock.instant();
        List<Message> messages = open.messages();
        try {
            for (int from = 0; from < messages.size() && running; from += BATCH) {
                if (clock.instant().isAfter(renewed.plus(leaseDuration().dividedBy(3)))) {
                    if (!lease.acquire(holder, leaseDuration())) {
                        return messages.size();
                    }
                    renewed = clock.instant();
                }
                List<Message> batch = messages.subList(from, Math.min(from + BATCH, messages.size()));
                decisions.settle(open, batch, current, beforeDelete);
            }
        } finally {
            if (connection == open) {
                open.expunge();
            }
        }
        return messages.size();
    }

    private Duration leaseDuration() {
        Duration atLeast =
                properties.pollInterval().plus(properties.idleRefresh()).multipliedBy(2);
        return properties.leaseDuration().compareTo(atLeast) >= 0 ? properties.leaseDuration() : atLeast;
    }

    private Duration backoff(int failures) {
        Duration backoff = firstBackoff.multipliedBy(1L << Math.min(failures - 1, 20));
        return backoff.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : backoff;
    }

    /**
     * The pause after a failure, cut short when the settings change: an administrator who corrects
     * the server or the password sees it used within moments, not after a pause of up to {@code
     * max-backoff}. Looking is cheap and also notices a save made on another instance.
     *
     * @return whether the settings changed
     */
    private boolean pauseUnlessChanged(Duration backoff, InboundSettings failed) {
        long end = System.nanoTime() + backoff.toNanos();
        while (running) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            pause(Duration.ofNanos(Math.min(left, properties.settingsCheck().toNanos())));
            if (changedSince(failed)) {
                return true;
            }
        }
        return false;
    }

    private boolean changedSince(InboundSettings failed) {
        try {
            return !settings.getObject().current().equals(failed);
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private void pause(Duration duration) {
        lock.lock();
        try {
            if (running && !woken) {
                wake.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a save came since the settings were read, before there was a connection to wake; then
     * the watcher looks at the settings again instead of waiting. Clears it.
     */
    private boolean wokenSinceLastLook() {
        lock.lock();
        try {
            boolean was = woken;
            woken = false;
            return was;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void closeConnection() {
        MailboxConnection open = connection;
        connection = null;
        if (open != null) {
            open.close();
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
