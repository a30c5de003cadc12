package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.chat.ChatType;
import io.countersign.chat.internal.ChatChannelStore;
import io.countersign.chat.internal.ChatChannelStore.Outline;
import io.countersign.testing.Api;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chat channels that route notifications are kept in memory on every instance, and a channel
 * created, replaced or deleted on instance a is what instance b routes by at once: well before the
 * ten seconds after which b would read them again by itself.
 */
class ChatChannelsAcrossInstancesTests extends TwoInstancesTestBase {

    /** Far below the cache's own ten seconds, and far above a notification's milliseconds. */
    private static final Duration AT_ONCE = Duration.ofSeconds(3);

    @BeforeAll
    static void start() {
        startOnOneDatabase();
    }

    private static Optional<Outline> routedByB(String name) {
        return b.bean(ChatChannelStore.class).outlines().stream()
                .filter(outline -> outline.name().equals(name))
                .findFirst();
    }

    private static Map<String, Object> teams(String name, boolean isDefault) {
        return Map.of("name", name, "type", "TEAMS", "default", isDefault, "webhookUrl", "http://127.0.0.1:9/teams");
    }

    @Test
    void aChannelCreatedOnOneInstanceIsRoutedByTheOtherAtOnce() {
        String name = Api.unique("teams");
        assertThat(routedByB(name)).isEmpty();

        a.asAdmin("POST", "/api/v1/channels", teams(name, false)).expect(201);

        await().atMost(AT_ONCE).until(() -> routedByB(name).isPresent());
    }

    @Test
    void aChannelReplacedOnOneInstanceIsRoutedAsReplacedByTheOtherAtOnce() {
        String name = Api.unique("teams");
        a.asAdmin("POST", "/api/v1/channels", teams(name, false)).expect(201);
        await().atMost(AT_ONCE).until(() -> routedByB(name).isPresent());
        assertThat(routedByB(name).orElseThrow().isDefault()).isFalse();

        a.asAdmin("PUT", "/api/v1/channels/" + name, teams(name, true)).expect(200);

        await().atMost(AT_ONCE).until(() -> routedByB(name).orElseThrow().isDefault());
        assertThat(routedByB(name).orElseThrow().type()).isEqualTo(ChatType.TEAMS);
    }

    @Test
    void aChannelDeletedOnOneInstanceIsNoLongerRoutedByTheOtherAtOnce() {
        String name = Api.unique("teams");
        a.asAdmin("POST", "/api/v1/channels", teams(name, false)).expect(201);
        await().atMost(AT_ONCE).until(() -> routedByB(name).isPresent());

        a.asAdmin("DELETE", "/api/v1/channels/" + name, null).expect(204);

        await().atMost(AT_ONCE).until(() -> routedByB(name).isEmpty());
    }
}
