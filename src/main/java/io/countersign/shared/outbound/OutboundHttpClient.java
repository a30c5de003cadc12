package io.countersign.shared.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP/1.1 client that posts to administrators' addresses (webhook receivers, chat platforms). It
 * resolves a host once and connects only to the addresses it checked ({@link CheckedAddressResolver}),
 * follows no redirect, retries nothing, keeps no cookie and asks for no compressed answer. An answer
 * must arrive within a deadline that holds across every read, so a server that trickles its headers
 * (or a body that is read) cannot hold a sender past it; a body left unread is never drained.
 */
public final class OutboundHttpClient {

    /** Connections to one server at once: posts to a server are few, and a pool must never be waited on. */
    private static final int CONNECTIONS_PER_SERVER = 20;

    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "outbound-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private final CloseableHttpClient client;
    private final Duration answerDeadline;

    /** Reads what it needs of an answer, within the deadline. */
    @FunctionalInterface
    public interface AnswerReader<T> {
        T read(ClassicHttpResponse response) throws IOException;
    }

    public OutboundHttpClient(OutboundAddresses addresses, Duration connectTimeout, Duration answerDeadline) {
        this(addresses, HostLookup.SYSTEM, connectTimeout, answerDeadline);
    }

    public OutboundHttpClient(
            OutboundAddresses addresses, HostLookup lookup, Duration connectTimeout, Duration answerDeadline) {
        this.answerDeadline = answerDeadline;
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(answerDeadline))
                // a server may close an idle connection; a POST on it is not retried, so look first
                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedAddressResolver(addresses, lookup))
                        .setDefaultConnectionConfig(connections)
                        .setMaxConnPerRoute(CONNECTIONS_PER_SERVER)
                        .setMaxConnTotal(CONNECTIONS_PER_SERVER * 5)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(answerDeadline))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    /**
     * The address a request may be sent to: an http or https URL with a host and a port in range, without
     * its user information, which is never sent. Throws {@link IllegalArgumentException}, whose message
     * starts with "port out of range" for that case and otherwise says nothing of the URL.
     */
    public static URI target(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http or https URL with a host");
        }
        if (uri.getPort() > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        return URI.create(scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /**
     * Sends {@code request} and reads its answer, both within the answer deadline. Fails with {@link
     * RefusedAddressException} when the host's address may not be sent to, and otherwise with failures
     * that {@link io.countersign.shared.ConnectionFailures} reads in its words, timeouts included.
     */
    public <T> T send(HttpUriRequestBase request, AnswerReader<T> reader) throws IOException {
        AtomicBoolean overdue = new AtomicBoolean();
        ScheduledFuture<?> deadline = DEADLINES.schedule(
                () -> {
                    overdue.set(true);
                    request.cancel();
                },
                answerDeadline.toNanos(),
                TimeUnit.NANOSECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, request, null);
            return reader.read(response);
        } catch (IOException e) {
            throw OutboundFailures.inJdkTerms(e, overdue.get());
        } finally {
            deadline.cancel(false);
            // what is left of the body is not drained: the connection is dropped instead
            if (response instanceof ModalCloseable answered) {
                answered.close(CloseMode.IMMEDIATE);
            }
        }
    }
}
