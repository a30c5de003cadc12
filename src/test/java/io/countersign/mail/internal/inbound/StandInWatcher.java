package io.countersign.mail.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.internal.MailSessions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestComponent;

/**
 * Stops the application's watcher and runs a second one in its place: one that dies at the worst
 * moment (after applying the first message it reads, before deleting it, as a process killed there
 * would), or one that pauses as long as a test says after failing to reach the server.
 */
@TestComponent
class StandInWatcher {

    private final MailboxWatcher watcher;
    private final InboundMailProperties properties;
    private final MailSessions sessions;
    private final ObjectProvider<InboundSettingsSource> settings;
    private final ReplyProcessor processor;
    private final ReplyDecisions decisions;
    private final WatchLease lease;
    private final Clock clock;

    StandInWatcher(
            MailboxWatcher watcher,
            InboundMailProperties properties,
            MailSessions sessions,
            ObjectProvider<InboundSettingsSource> settings,
            ReplyProcessor processor,
            ReplyDecisions decisions,
            WatchLease lease,
            Clock clock) {
        this.watcher = watcher;
        this.properties = properties;
        this.sessions = sessions;
        this.settings = settings;
        this.processor = processor;
        this.decisions = decisions;
        this.lease = lease;
        this.clock = clock;
    }

    /** Returns once the crash happened; the message it applied is still in the folder. */
    void crashAfterApplyingOne(Duration patience) throws InterruptedException {
        watcher.stop();
        CountDownLatch crashed = new CountDownLatch(1);
        AtomicBoolean crashOnce = new AtomicBoolean(true);
        MailboxWatcher crashing = new MailboxWatcher(
                properties,
                sessions,
                settings,
                processor,
                decisions,
                lease,
                clock,
                message -> {
                    if (crashOnce.getAndSet(false)) {
                        crashed.countDown();
                        throw new IllegalStateException("the process died here");
                    }
                },
                Duration.ofSeconds(1));
        try {
            crashing.start();
            assertThat(crashed.await(patience.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            crashing.stop();
        }
    }

    /**
     * Starts a watcher whose pause after a failure to reach the server is {@code firstPause} from the
     * first failure on; stop it, then {@link #restart()} the application's.
     */
    MailboxWatcher pausingAfterAFailureFor(Duration firstPause) {
        return standIn(properties.idleRefresh(), firstPause, properties.settingsCheck(), message -> {});
    }

    /**
     * Starts a watcher that on its own looks at the settings and ends an IDLE only every {@code
     * longWhile}: it notices a change sooner only when told of it. Stop it, then {@link #restart()}
     * the application's.
     */
    MailboxWatcher slowToLook(Duration longWhile) {
        return standIn(longWhile, Duration.ofSeconds(1), longWhile, message -> {});
    }

    /**
     * As {@link #slowToLook}, running {@code whileSettling} after applying each message it reads and
     * before deleting it.
     */
    MailboxWatcher slowToLook(Duration longWhile, MailboxWatcher.BeforeDelete whileSettling) {
        return standIn(longWhile, Duration.ofSeconds(1), longWhile, whileSettling);
    }

    private MailboxWatcher standIn(
            Duration idleRefresh,
            Duration firstPause,
            Duration settingsCheck,
            MailboxWatcher.BeforeDelete beforeDelete) {
        watcher.stop();
        InboundMailProperties changed = new InboundMailProperties(
                properties.pollInterval(),
                idleRefresh,
                properties.leaseDuration(),
                firstPause,
                properties.maxMessageSize(),
                properties.maxCommentLength(),
                properties.trustedAuthservId(),
                properties.decisionThreads(),
                settingsCheck);
        MailboxWatcher standIn = new MailboxWatcher(
                changed, sessions, settings, processor, decisions, lease, clock, beforeDelete, firstPause);
        standIn.start();
        return standIn;
    }

    /** The application's watcher takes over, as a restarted process would. */
    void restart() {
        watcher.start();
    }
}
