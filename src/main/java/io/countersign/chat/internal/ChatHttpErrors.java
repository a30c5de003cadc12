package io.countersign.chat.internal;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Why a platform could not be reached, in words an administrator reads in a delivery's error or a
 * test message's answer: never an exception's class, nor its message, which may hold the address (a
 * webhook URL is a credential).
 */
final class ChatHttpErrors {

    /** The first of these found anywhere among the causes says it; the most telling come first. */
    private static final List<Map.Entry<Class<? extends Throwable>, String>> WORDS = List.of(
            Map.entry(HttpConnectTimeoutException.class, "timed out connecting"),
            Map.entry(HttpTimeoutException.class, "timed out waiting for an answer"),
            Map.entry(UnresolvedAddressException.class, "name not resolved"),
            Map.entry(UnknownHostException.class, "name not resolved"),
            Map.entry(SSLException.class, "TLS handshake failed"),
            Map.entry(NoRouteToHostException.class, "no route to host"),
            Map.entry(EOFException.class, "connection closed without an answer"));

    private ChatHttpErrors() {}

    static String of(Exception failure) {
        for (Map.Entry<Class<? extends Throwable>, String> words : WORDS) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (words.getKey().isInstance(cause)) {
                    return words.getValue();
                }
            }
        }
        if (failure instanceof IllegalArgumentException) {
            return "the address is not usable";
        }
        // the JDK says these only in its messages, often those of a cause, when it says them at all
        StringBuilder messages = new StringBuilder();
        boolean connecting = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(' ').append(cause.getMessage());
            connecting |= cause instanceof ConnectException;
        }
        String said = messages.toString().toLowerCase(Locale.ROOT);
        if (said.contains("connection refused")) {
            return "connection refused";
        }
        if (said.contains("connection reset")) {
            return "connection reset";
        }
        if (said.contains("unreachable")) {
            return "network unreachable";
        }
        // the JDK's HttpClient reports a refused connection as a ConnectException without a message
        return connecting ? "connection refused" : "connection failed";
    }
}
