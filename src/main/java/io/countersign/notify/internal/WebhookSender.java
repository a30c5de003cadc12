package io.countersign.notify.internal;

import io.countersign.shared.ConnectionFailures;
import io.countersign.shared.outbound.OutboundAddresses;
import io.countersign.shared.outbound.OutboundHttpClient;
import io.countersign.shared.outbound.RefusedAddressException;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * POSTs one signed event. Redirects are not followed (a receiver that moved must be reconfigured,
 * and a redirect must not steer signed events elsewhere), and the answer's body is never read, so a
 * receiver that trickles it cannot hold a sender thread. An endpoint whose address this service does
 * not send to ({@link OutboundAddresses}) is not connected to at all, and the connection goes to the
 * very addresses that were checked ({@link OutboundHttpClient}).
 */
@Component
public class WebhookSender {

    static final int MAX_ERROR_LENGTH = 500;

    // never the exception's message, which quotes the URL, a credential
    private static final String UNUSABLE_URL = "the URL cannot be used";

    private final OutboundHttpClient client;
    private final WebhookProperties properties;

    @Autowired
    public WebhookSender(WebhookProperties properties, OutboundAddresses addresses) {
        this(properties, new OutboundHttpClient(addresses, properties.connectTimeout(), properties.readTimeout()));
    }

    WebhookSender(WebhookProperties properties, OutboundHttpClient client) {
        this.properties = properties;
        this.client = client;
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
        HttpPost request;
        try {
            request = new HttpPost(OutboundHttpClient.target(url));
        } catch (IllegalArgumentException e) {
            // an address stored before its port was checked ("port out of range"): a failed attempt,
            // so that the delivery runs out its retries instead of staying due forever
            return new Outcome(null, portOutOfRange(e) ? UNUSABLE_URL + ": its port is out of range" : UNUSABLE_URL);
        }
        request.setHeader("Content-Type", "application/json");
        request.setHeader("User-Agent", "Countersign-Webhooks/1");
        request.setHeader("Countersign-Event-Id", eventId);
        request.setHeader("Countersign-Timestamp", Long.toString(timestamp));
        request.setHeader("Countersign-Signature", signature);
        request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), null));
        try {
            // the status is all that is read: the body is left, and its connection dropped
            int status = client.send(request, response -> response.getCode());
            return new Outcome(status, status >= 200 && status < 300 ? null : describe(status));
        } catch (RefusedAddressException e) {
            return Outcome.refused(e.getMessage());
        } catch (HttpConnectTimeoutException e) {
            return Outcome.unreachable("no connection within " + human(properties.connectTimeout()));
        } catch (HttpTimeoutException e) {
            return Outcome.unreachable("no answer within " + human(properties.readTimeout()));
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return new Outcome(null, "interrupted while sending (the service is stopping)");
            }
            // refused, an unknown host: unreachable; closed without a status: an answer of sorts
            String words = ConnectionFailures.describe(e);
            return ConnectionFailures.unreachable(e) ? Outcome.unreachable(words) : new Outcome(null, words);
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
