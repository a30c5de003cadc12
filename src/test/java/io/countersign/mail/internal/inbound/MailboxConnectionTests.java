package io.countersign.mail.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.mail.internal.InstanceProperties;
import io.countersign.mail.internal.MailProperties;
import io.countersign.mail.internal.MailSessions;
import jakarta.mail.MessagingException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * A server that never ends an IDLE costs the watcher one connection, never its thread: waiting for
 * new mail ends within the refresh and the connection's timeout, and closing the connection does not
 * wait for the server at all. The watcher then connects anew.
 */
class MailboxConnectionTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Far beyond the refresh and the timeout, so that only a wait without end fails. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void anIdleTheServerKeepsAliveButNeverEndsEndsTheConnection() throws Exception {
        try (UnfinishedIdleServer server = UnfinishedIdleServer.chatty()) {
            MailboxConnection connection = open(server, Duration.ofMillis(200));
            CompletableFuture<Void> waiting = awaitMail(connection);

            await().atMost(DEADLINE).until(waiting::isDone);
            assertThat(waiting).isCompletedExceptionally();
            assertThat(server.idles()).isEqualTo(1);
            assertClosesAtOnce(connection);
        }
    }

    @Test
    void anIdleAfterWhichTheServerFallsSilentEndsTheConnection() throws Exception {
        try (UnfinishedIdleServer server = UnfinishedIdleServer.silent()) {
            MailboxConnection connection = open(server, Duration.ofMillis(200));
            CompletableFuture<Void> waiting = awaitMail(connection);

            await().atMost(DEADLINE).until(waiting::isDone);
            assertThat(waiting).isCompletedExceptionally();
            assertClosesAtOnce(connection);
        }
    }

    @Test
    void closingDuringAnIdleTheServerWouldNeverEndDoesNotWaitForIt() throws Exception {
        try (UnfinishedIdleServer server = UnfinishedIdleServer.chatty()) {
            MailboxConnection connection = open(server, Duration.ofHours(1));
            CompletableFuture<Void> waiting = awaitMail(connection);
            await().atMost(DEADLINE).until(() -> server.idles() == 1);

            assertClosesAtOnce(connection);
            await().atMost(DEADLINE).until(waiting::isDone);
            assertThat(waiting).isCompletedExceptionally();
        }
    }

    @Test
    void aServerThatEndsItsIdlesKeepsTheOneConnectionAcrossRefreshes() throws Exception {
        try (UnfinishedIdleServer server = UnfinishedIdleServer.obliging()) {
            MailboxConnection connection = open(server, Duration.ofMillis(200));
            for (int refresh = 0; refresh < 3; refresh++) {
                CompletableFuture<Void> waiting = awaitMail(connection);
                await().atMost(DEADLINE).until(waiting::isDone);
                assertThat(waiting).isCompletedWithValue(null);
                // past the refresh, so the folder is selected again
                assertThat(connection.messages()).isEmpty();
            }
            assertThat(server.logins()).isEqualTo(1);
            connection.close();
        }
    }

    private static MailboxConnection open(UnfinishedIdleServer server, Duration refresh) throws MessagingException {
        MailboxConnection connection = MailboxConnection.open(
                new MailSessions(
                                new MailProperties(TIMEOUT, TIMEOUT),
                                new InstanceProperties("Countersign", URI.create("http://localhost:8080")))
                        .watching(server.endpoint(), refresh),
                server.endpoint(),
                1024,
                refresh);
        assertThat(connection.idles()).isTrue();
        return connection;
    }

    private static CompletableFuture<Void> awaitMail(MailboxConnection connection) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        connection.await(() -> {});
                    } catch (MessagingException e) {
                        throw new CompletionException(e);
                    }
                },
                MailboxConnectionTests::ownThread);
    }

    /** A blocked wait must not hold a thread that another wait of the test needs. */
    private static void ownThread(Runnable task) {
        Thread thread = new Thread(task, "mailbox-connection-test");
        thread.setDaemon(true);
        thread.start();
    }

    private static void assertClosesAtOnce(MailboxConnection connection) {
        CompletableFuture<Void> closing =
                CompletableFuture.runAsync(connection::close, MailboxConnectionTests::ownThread);
        await().atMost(DEADLINE).until(closing::isDone);
        assertThat(closing).isCompletedWithValue(null);
    }
}
