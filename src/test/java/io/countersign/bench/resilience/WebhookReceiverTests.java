package io.countersign.bench.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.internal.Signatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookReceiverTests {

    private static final String SECRET = "resilience-receiver-secret";
    private static final String EVENT = "{\"id\":\"e-1\",\"type\":\"request.created\",\"occurredAt\":null,\"data\":{}}";

    private final WebhookReceiver receiver;
    private final HttpClient http = HttpClient.newHttpClient();

    WebhookReceiverTests() throws Exception {
        receiver = new WebhookReceiver(0, SECRET);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void anEventSignedAsTheServiceSignsItIsAcceptedAndItsRepeatCountsAsADuplicate() throws Exception {
        assertThat(post("e-1", SECRET, 1_700_000_000L)).isEqualTo(204);
        assertThat(post("e-1", SECRET, 1_700_000_011L)).isEqualTo(204);

        assertThat(receiver.problems).isEmpty();
        assertThat(receiver.arrivals.get("e-1").get()).isEqualTo(2);
        assertThat(receiver.duplicates()).isEqualTo(1);
    }

    @Test
    void aDeliveryWhoseEventIdHeaderNamesAnotherEventIsReported() throws Exception {
        post("e-2", SECRET, 1_700_000_000L);

        assertThat(receiver.problems).singleElement().asString().contains("e-1", "e-2");
    }

    @Test
    void aDeliverySignedWithAnotherSecretIsReported() throws Exception {
        post("e-1", "some-other-secret-value", 1_700_000_000L);

        assertThat(receiver.problems).singleElement().asString().contains("signature");
    }

    private int post(String eventId, String secret, long timestamp) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.url()))
                .header("Countersign-Event-Id", eventId)
                .header("Countersign-Timestamp", Long.toString(timestamp))
                .header("Countersign-Signature", Signatures.header(List.of(secret), timestamp, EVENT))
                .POST(HttpRequest.BodyPublishers.ofString(EVENT))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
