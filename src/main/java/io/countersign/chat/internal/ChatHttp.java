package io.countersign.chat.internal;

import io.countersign.shared.ConnectionFailures;
import io.countersign.shared.outbound.OutboundAddresses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client every platform is called through, with bounded waits. A platform's address this
 * service does not send to ({@link OutboundAddresses}) is not connected to at all.
 */
@Component
public class ChatHttp {

    /**
     * What a platform answered; {@code status} is null when it could not be reached at all, and {@code
     * unreachable} says whether it was not there (refused, unknown host, timed out) rather than
     * unusable (such as a TLS handshake that failed), and {@code refused} that it was not even tried, as
     * its address may not be sent to.
     */
    public record Answer(
            Integer status, String body, Duration retryAfter, String error, boolean unreachable, boolean refused) {

        public Answer(Integer status, String body, Duration retryAfter, String error) {
            this(status, body, retryAfter, error, false, false);
        }

        boolean ok() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final OutboundAddresses addresses;

    public ChatHttp(OutboundAddresses addresses) {
        this.addresses = addresses;
    }

    public Answer send(String method, String url, Map<String, String> headers, String body, String contentType) {
        Optional<String> refusal = addresses.refusal(url);
        if (refusal.isPresent()) {
            return new Answer(null, null, null, refusal.get(), false, true);
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(TIMEOUT)
                    .header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(request::header);
            HttpResponse<String> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(), retryAfter(response), null);
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(
                    null,
                    null,
                    null,
                    "could not reach the platform: " + ConnectionFailures.describe(e),
                    ConnectionFailures.unreachable(e),
                    false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, null, null, "interrupted");
        }
    }

    public Answer postJson(String url, Map<String, String> headers, String json) {
        return send("POST", url, headers, json, "application/json; charset=utf-8");
    }

    /** Retry-After in seconds, as Slack, Discord and Telegram send it; null when absent or unreadable. */
    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Retry-After")
                .map(value -> {
                    try {
                        return Duration.ofMillis((long) (Double.parseDouble(value.strip()) * 1000));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                })
                .orElse(null);
    }
}
