package io.countersign.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.notify.NotificationSender;
import io.countersign.notify.SendResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationSendersTests {

    private static NotificationSender on(String channel) {
        return new NotificationSender() {
            @Override
            public String channel() {
                return channel;
            }

            @Override
            public SendResult send(io.countersign.notify.Notification notification) {
                return SendResult.ok();
            }
        };
    }

    @Test
    void aChannelIsFoundByItsUpperCaseName() {
        NotificationSenders senders = new NotificationSenders(List.of(on("chat-room")));

        assertThat(senders.installed("CHAT-ROOM")).isTrue();
        assertThat(senders.forChannel("CHAT-ROOM")).isPresent();
        assertThat(senders.any()).isTrue();
    }

    @Test
    void userFacingChannelsMayBeSubscribedBeforeTheirSenderIsInstalled() {
        NotificationSenders none = new NotificationSenders(List.of());

        assertThat(none.any()).isFalse();
        assertThat(none.known("EMAIL")).isTrue();
        assertThat(none.installed("EMAIL")).isFalse();
        assertThat(none.known("PIGEON")).isFalse();
    }

    @Test
    void twoSendersForOneChannelStopTheServiceFromStarting() {
        assertThatThrownBy(() -> new NotificationSenders(List.of(on("EMAIL"), on("email"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("EMAIL");
    }

    @Test
    void aRefusalIsPermanentAndAFailureIsNot() {
        assertThat(SendResult.refused("no address").permanent()).isTrue();
        assertThat(SendResult.failed("down").permanent()).isFalse();
        assertThat(new SendResult(false, "down").permanent()).isFalse();
        assertThat(SendResult.ok().delivered()).isTrue();
    }
}
