package io.countersign.mail.internal.inbound;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionEvaluationListener;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.EvaluatedCondition;
import org.awaitility.core.IgnoredException;

/**
 * Waiting in the tests that read a real IMAP mailbox. GreenMail's IMAP server throws in its own thread
 * when a message is expunged while another session of the mailbox idles, before that session has
 * seen the message (a shortcoming of the test server; Countersign's watcher reconnects, as it must
 * with any server that drops a connection). Awaitility would report that exception as the test's
 * failure, so these waits leave other threads' exceptions alone and judge the outcome only. For the
 * same reason a look into the mailbox that the test server drops is taken as "not yet" and asked
 * again; a mailbox that stays out of reach still fails the wait at its deadline, with the last
 * failure as the cause.
 */
final class MailAwait {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final ConditionEvaluationListener<Object> SAYS_WHY_IT_ASKS_AGAIN =
            new ConditionEvaluationListener<>() {
                @Override
                public void conditionEvaluated(EvaluatedCondition<Object> condition) {}

                @Override
                public void exceptionIgnored(IgnoredException ignored) {
                    System.err.println("Asking the test mailbox again after " + ignored.getThrowable());
                }
            };

    private MailAwait() {}

    static ConditionFactory patiently() {
        return Awaitility.await()
                .dontCatchUncaughtExceptions()
                .ignoreExceptionsInstanceOf(TestMailbox.Unreachable.class)
                .conditionEvaluationListener(SAYS_WHY_IT_ASKS_AGAIN)
                .atMost(PATIENCE);
    }
}
