package io.countersign.mail.internal;

import io.countersign.mail.MailNotSent;
import io.countersign.shared.ConnectionFailures;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A mail that was not sent, in words for its delivery's error, which administrators read in the
 * delivery list: Jakarta Mail's own text names the server's host and port ("Couldn't connect to host,
 * port: …") and says little more. A server that could not be reached, or a connection that broke, is
 * said as a webhook's or a chat platform's is; a server's answer (such as {@code 535 5.7.8
 * Authentication failed}) is what an administrator needs, and is kept without the host's name.
 */
public final class MailFailures {

    private static final String SERVER = "the mail server";

    /** The address a host name resolved to, as Java writes it after the name: {@code /10.0.0.5:25}. */
    private static final Pattern RESOLVED = Pattern.compile(
            "\\Q" + SERVER + "\\E/(?:(?:\\d{1,3}\\.){3}\\d{1,3}|\\[?[0-9A-Fa-f]*:[0-9A-Fa-f:.]*[0-9A-Fa-f]\\]?)",
            Pattern.CASE_INSENSITIVE);

    /** An IPv4 address, or an IPv6 one in brackets as SMTP writes it ({@code [IPv6:2001:db8::5]}). */
    private static final Pattern IP_ADDRESS = Pattern.compile(
            "\\[?\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b\\]?|\\[(?:IPv6:)?[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\\]",
            Pattern.CASE_INSENSITIVE);

    /** A greeting names the server and then its address: {@code mx.corp.example [10.0.0.5]}. */
    private static final Pattern NAMED_TWICE =
            Pattern.compile("\\Q" + SERVER + "\\E \\Q" + SERVER + "\\E", Pattern.CASE_INSENSITIVE);

    private static final Pattern SERVER_PORT =
            Pattern.compile("\\Q" + SERVER + "\\E(?::\\d{1,5}\\b|,\\s*\\d{1,5}\\b(?=;|$))", Pattern.CASE_INSENSITIVE);

    /** Jakarta Mail's {@code , port: 25}, and a plain {@code port 25}. */
    private static final Pattern PORT = Pattern.compile(",?\\s*\\bport[:=]?\\s*\\d{1,5}\\b", Pattern.CASE_INSENSITIVE);

    private MailFailures() {}

    static String describe(MailNotSent failure, String host) {
        String unreachable = unreachable(failure);
        if (unreachable != null) {
            return unreachable;
        }
        if (among(failure, IOException.class)) {
            return "the connection to the mail server failed: " + ConnectionFailures.describe(failure);
        }
        String said =
                failure.getMessage() == null || failure.getMessage().isBlank() ? "not sent" : failure.getMessage();
        return withoutAddress(said, host);
    }

    /**
     * Why a mail server could not be reached or did not answer in time, as a delivery's error and the
     * settings' test say it alike; null when it was reached, as its own answer then says more.
     */
    public static String unreachable(Throwable failure) {
        return UnreachableServers.isCause(failure)
                ? "could not reach the mail server: " + ConnectionFailures.describe(failure)
                : null;
    }

    /**
     * The server's answer with its address said as "the mail server": the configured host, the IP
     * address it resolved to (Java writes {@code host/10.0.0.5:25}) or one the server names itself by,
     * and the port, which Jakarta Mail adds ({@code , port: 25}). Its reply code and text stay.
     */
    static String withoutAddress(String said, String host) {
        String named = host == null || host.isBlank()
                ? said
                : Pattern.compile(Pattern.quote(host), Pattern.CASE_INSENSITIVE)
                        .matcher(said)
                        .replaceAll(SERVER);
        named = RESOLVED.matcher(named).replaceAll(SERVER);
        named = IP_ADDRESS.matcher(named).replaceAll(SERVER);
        named = NAMED_TWICE.matcher(named).replaceAll(SERVER);
        named = SERVER_PORT.matcher(named).replaceAll(SERVER);
        return PORT.matcher(named).replaceAll("");
    }

    private static boolean among(Throwable failure, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 10; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
