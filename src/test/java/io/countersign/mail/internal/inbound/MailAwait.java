package io.countersign.mail.internal.inbound;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Waiting in the tests that read a real IMAP mailbox. GreenMail's IMAP server throws in its own thread
 * when a message is expunged while another session of the mailbox idles, before that session has
 * seen the message (a shortcoming of the test server; Countersign's watcher reconnects, as it must
 * with any server that drops a connection). Awaitility would report that exception as the test's
 * failure, so these waits leave other threads' exceptions alone and judge the outcome only.
 */
final class MailAwait {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private MailAwait() {}

    static ConditionFactory patiently() {
        return Awaitility.await().dontCatchUncaughtExceptions().atMost(PATIENCE);
    }
}
