package io.countersign.shared;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Why a server Countersign sends to (a webhook receiver, a chat platform, a mail server) could not be reached, in
 * words an administrator reads in a delivery's error or a test message's answer: never an
 * exception's class, nor its message, which may hold the address (a webhook URL is a credential).
 */
public final class ConnectionFailures {

    private static final int MAX_DEPTH = 10;

    /** The first of these found anywhere among the causes says it; the most telling come first. */
    private static final List<Map.Entry<Class<? extends Throwable>, String>> WORDS = List.of(
            Map.entry(HttpConnectTimeoutException.class, "timed out connecting"),
            Map.entry(HttpTimeoutException.class, "timed out waiting for an answer"),
            // a plain socket's (a mail server's), connecting or reading alike
            Map.entry(SocketTimeoutException.class, "timed out"),
            Map.entry(UnresolvedAddressException.class, "name not resolved"),
            Map.entry(UnknownHostException.class, "name not resolved"),
            Map.entry(SSLException.class, "TLS handshake failed"),
            Map.entry(NoRouteToHostException.class, "no route to host"),
            Map.entry(EOFException.class, "connection closed without an answer"));

    /** Causes that say nothing about what was sent and everything about the next attempt. */
    private static final List<Class<? extends Throwable>> UNREACHABLE = List.of(
            ConnectException.class,
            NoRouteToHostException.class,
            UnknownHostException.class,
            UnresolvedAddressException.class,
            HttpTimeoutException.class);

    private ConnectionFailures() {}

    /** Always some words: "connection failed" when nothing more telling is known. */
    public static String describe(Throwable failure) {
        Optional<String> named = named(failure);
        if (named.isEmpty() && failure instanceof IllegalArgumentException) {
            return "the address is not usable";
        }
        return named.orElse("connection failed");
    }

    /**
     * The words for a failure to connect found among the causes; empty when none is, such as for a
     * programming error, which the service log tells of.
     */
    public static Optional<String> named(Throwable failure) {
        for (Map.Entry<Class<? extends Throwable>, String> words : WORDS) {
            if (among(failure, words.getKey())) {
                return Optional.of(words.getValue());
            }
        }
        // the JDK says these only in its messages, often those of a cause, when it says them at all
        StringBuilder messages = new StringBuilder();
        for (Throwable cause : causes(failure)) {
            messages.append(' ').append(cause.getMessage());
        }
        String said = messages.toString().toLowerCase(Locale.ROOT);
        if (said.contains("connection refused")) {
            return Optional.of("connection refused");
        }
        if (said.contains("connection reset")) {
            return Optional.of("connection reset");
        }
        if (said.contains("unreachable")) {
            return Optional.of("network unreachable");
        }
        // the JDK's HttpClient reports a refused connection as a ConnectException without a message
        return among(failure, ConnectException.class) ? Optional.of("connection refused") : Optional.empty();
    }

    /**
     * Whether the server could not be reached or did not answer in time (refused, unknown host, no
     * route, timed out), rather than answering badly: the next attempt will most likely meet the same.
     */
    public static boolean unreachable(Throwable failure) {
        return UNREACHABLE.stream().anyMatch(type -> among(failure, type));
    }

    private static boolean among(Throwable failure, Class<? extends Throwable> type) {
        return causes(failure).stream().anyMatch(type::isInstance);
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t = failure; t != null && causes.size() < MAX_DEPTH; t = t.getCause()) {
            causes.add(t);
        }
        return causes;
    }
}
