package io.countersign.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.chat.ChatCallbackRefused;
import io.countersign.chat.ChatType;
import io.countersign.chat.internal.CallbackRefusals.Reason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;

/** Which refused call backs reach the audit log: one a minute per platform, channel and reason. */
class CallbackRefusalsTests {

    private final List<ChatCallbackRefused> audited = new ArrayList<>();
    private final CallbackRefusals refusals = new CallbackRefusals(
            Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC),
            new SimpleMeterRegistry(),
            event -> audited.add((ChatCallbackRefused) event),
            new NoTransactions());

    @Test
    void callsToUnknownChannelsOfTwoPlatformsAreEachAuditedUnderTheirOwnPlatform() {
        refusals.refuse(ChatType.SLACK, CallbackRefusals.UNKNOWN_CHANNEL, Reason.NO_SUCH_CHANNEL, "127.0.0.1");
        refusals.refuse(ChatType.SLACK, CallbackRefusals.UNKNOWN_CHANNEL, Reason.NO_SUCH_CHANNEL, "127.0.0.1");
        refusals.refuse(ChatType.TELEGRAM, CallbackRefusals.UNKNOWN_CHANNEL, Reason.NO_SUCH_CHANNEL, "127.0.0.1");

        assertThat(audited)
                .extracting(ChatCallbackRefused::note)
                .containsExactly("slack channel unknown: no such channel", "telegram channel unknown: no such channel");
    }

    private static final class NoTransactions implements PlatformTransactionManager {

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {}

        @Override
        public void rollback(TransactionStatus status) {}
    }
}
