package io.countersign.chat.internal;

import io.countersign.shared.ConnectionFailures;
import io.countersign.shared.outbound.OutboundAddresses;
import io.countersign.shared.outbound.OutboundHttpClient;
import io.countersign.shared.outbound.RefusedAddressException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client every platform is called through, with bounded waits. A platform's address this
 * service does not send to ({@link OutboundAddresses}) is not connected to at all, and the connection
 * goes to the very addresses that were checked ({@link OutboundHttpClient}).
 */
@Component
public class ChatHttp {

    /**
     * What a platform answered; {@code status} is null when it could not be reached at all, and {@code
     * unreachable} says whether it was not there (refused, unknown host, timed out) rather than
     * unusable (such as a TLS handshake that failed), and {@code refused} that it was not even tried, as
     * its address may not be sent to. An answer longer than {@link #MAX_ANSWER_BYTES} has its status and
     * an {@code error} but no {@code body}.
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

    /** More than any answer a platform documents; a longer one is not read any further. */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    static final String TOO_LONG = "the answer was longer than 1 MiB, which no platform documents";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OutboundHttpClient client;

    @Autowired
    public ChatHttp(OutboundAddresses addresses) {
        this(new OutboundHttpClient(addresses, TIMEOUT, TIMEOUT));
    }

    ChatHttp(OutboundHttpClient client) {
        this.client = client;
    }

    public Answer send(String method, String url, Map<String, String> headers, String body, String contentType) {
        try {
            HttpUriRequestBase request = new HttpUriRequestBase(method, OutboundHttpClient.target(url));
            request.setHeader("Content-Type", contentType);
            headers.forEach(request::setHeader);
            request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), null));
            return client.send(request, ChatHttp::answer);
        } catch (RefusedAddressException e) {
            return new Answer(null, null, null, e.getMessage(), false, true);
        } catch (IOException | IllegalArgumentException e) {
            if (Thread.currentThread().isInterrupted()) {
                return new Answer(null, null, null, "interrupted");
            }
            return new Answer(
                    null,
                    null,
                    null,
                    "could not reach the platform: " + ConnectionFailures.describe(e),
                    ConnectionFailures.unreachable(e),
                    false);
        }
    }

    public Answer postJson(String url, Map<String, String> headers, String json) {
        return send("POST", url, headers, json, "application/json; charset=utf-8");
    }

    /**
     * Reads at most {@link #MAX_ANSWER_BYTES} of the answer. A longer one is not what any platform
     * documents: it keeps its status and carries an error instead of its body, and what is left of it is
     * never read (the connection is dropped), so a platform or a proxy that answers without end holds no
     * more memory than the limit.
     */
    private static Answer answer(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        // the stream is not closed here: closing it would read the rest of an overlong answer
        InputStream content = entity == null ? null : entity.getContent();
        byte[] body = content == null ? new byte[0] : content.readNBytes(MAX_ANSWER_BYTES + 1);
        if (body.length > MAX_ANSWER_BYTES) {
            return new Answer(response.getCode(), null, retryAfter(response), TOO_LONG);
        }
        return new Answer(response.getCode(), new String(body, StandardCharsets.UTF_8), retryAfter(response), null);
    }

    /** Retry-After in seconds, as Slack, Discord and Telegram send it; null when absent or unreadable. */
    private static Duration retryAfter(ClassicHttpResponse response) {
        Header header = response.getFirstHeader("Retry-After");
        if (header == null || header.getValue() == null) {
            return null;
        }
        try {
            return Duration.ofMillis(
                    (long) (Double.parseDouble(header.getValue().strip()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
