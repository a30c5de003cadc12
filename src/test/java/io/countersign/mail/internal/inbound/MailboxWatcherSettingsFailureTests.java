package io.countersign.mail.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.countersign.mail.internal.MailSessions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.unit.DataSize;

/** While the settings of replies by mail cannot be read, the log says so instead of naming no mailbox. */
@ExtendWith(OutputCaptureExtension.class)
class MailboxWatcherSettingsFailureTests {

    @Test
    void settingsThatCannotBeReadAreNamedInTheLog(CapturedOutput output) {
        InboundSettingsSource unreadable = () -> {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
        };
        ReplyProcessor processor = mock(ReplyProcessor.class);
        when(processor.ready()).thenReturn(true);
        MailboxWatcher watcher = new MailboxWatcher(
                new InboundMailProperties(
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(5),
                        DataSize.ofMegabytes(1),
                        500,
                        null,
                        4,
                        Duration.ofSeconds(5)),
                mock(MailSessions.class),
                new StaticListableBeanFactory(Map.of("settings", unreadable))
                        .getBeanProvider(InboundSettingsSource.class),
                processor,
                mock(ReplyDecisions.class),
                mock(WatchLease.class),
                Clock.systemUTC(),
                message -> {},
                Duration.ofMillis(50));

        watcher.start();
        try {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> output.getOut()
                            .contains("Cannot read the settings of replies by mail"
                                    + " (CannotCreateTransactionException: Could not open JDBC Connection"));
        } finally {
            watcher.stop();
        }
        assertThat(output.getOut()).doesNotContain("Cannot read replies from null");
    }
}
