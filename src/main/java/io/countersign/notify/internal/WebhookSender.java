package io.countersign.notify.internal;

import io.countersign.shared.ConnectionFailures;
import io.countersign.shared.outbound.OutboundAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * POSTs one signed event. Redirects are not followed (a receiver that moved must be reconfigured,
 * and a redirect must not steer signed events elsewhere), and the answer's body is never read, so a
 * receiver that trickles it cannot hold a sender thread. An endpoint whose address this service does
 * not send to ({@link OutboundAddresses}) is not connected to at all.
 */
@Component
public class WebhookSender {

    static final int MAX_ERROR_LENGTH = 500;

    // never the exception's message, which quotes the URL, a credential
    private static final String UNUSABLE_URL = "the URL cannot be used";

    private final HttpClient client;
    private final WebhookProperties properties;
    private final OutboundAddresses addresses;

    public WebhookSender(WebhookProperties properties, OutboundAddresses addresses) {
        this.properties = properties;
        this.addresses = addresses;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * What the receiver answered: a status code, or an error when no answer came. {@code unreachable}
     * when the endpoint could not be reached or did not answer in time (refused or timed-out
     * connection, unknown host, no answer within the read timeout), as {@code
     * SendResult.unreachable(..)} tells of a channel's server: the endpoint then rests for a while.
     * {@code refused} when the endpoint's address may not be sent to: trying again cannot help.
     */
    public record Outcome(Integer statusCode, String error, boolean unreachable, boolean refused) {

        public Outcome(Integer statusCode, String error) {
            this(statusCode, error, false, false);
        }

        static Outcome unreachable(String error) {
            return new Outcome(null, truncate(error), true, false);
        }

        static Outcome refused(String error) {
            return new Outcome(null, truncate(error), false, true);
        }

        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    public Outcome send(String url, String eventId, long timestamp, String body, String signature) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.readTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Countersign-Webhooks/1")
                    .header("Countersign-Event-Id", eventId)
                    .header("Countersign-Timestamp", Long.toString(timestamp))
                    .header("Countersign-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return new Outcome(null, UNUSABLE_URL);
        }
        Optional<String> refusal = addresses.refusal(url);
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
        }
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream ignored = response.body()) {
                int status = response.statusCode();
                return new Outcome(status, status >= 200 && status < 300 ? null : describe(status));
            }
        } catch (HttpConnectTimeoutException e) {
            return Outcome.unreachable("no connection within " + human(properties.connectTimeout()));
        } catch (HttpTimeoutException e) {
            return Outcome.unreachable("no answer within " + human(properties.readTimeout()));
        } catch (IOException e) {
            // refused, an unknown host: unreachable; closed without a status: an answer of sorts
            String words = ConnectionFailures.describe(e);
            return ConnectionFailures.unreachable(e) ? Outcome.unreachable(words) : new Outcome(null, words);
        } catch (IllegalArgumentException e) {
            // an address stored before its port was checked ("port out of range"): a failed attempt,
            // so that the delivery runs out its retries instead of staying due forever
            return new Outcome(null, portOutOfRange(e) ? UNUSABLE_URL + ": its port is out of range" : UNUSABLE_URL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted while sending (the service is stopping)");
        }
    }

    private static boolean portOutOfRange(IllegalArgumentException e) {
        return e.getMessage() != null && e.getMessage().startsWith("port out of range");
    }

    private static String describe(int status) {
        return status >= 300 && status < 400
                ? "answered HTTP " + status + "; redirects are not followed"
                : "answered HTTP " + status;
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
