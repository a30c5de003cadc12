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
final class MailFailures {

    private MailFailures() {}

    static String describe(MailNotSent failure, String host) {
        if (UnreachableServers.isCause(failure)) {
            return "could not reach the mail server: " + ConnectionFailures.describe(failure);
        }
        if (among(failure, IOException.class)) {
            return "the connection to the mail server failed: " + ConnectionFailures.describe(failure);
        }
        String said =
                failure.getMessage() == null || failure.getMessage().isBlank() ? "not sent" : failure.getMessage();
        return host == null || host.isBlank()
                ? said
                : Pattern.compile(Pattern.quote(host), Pattern.CASE_INSENSITIVE)
                        .matcher(said)
                        .replaceAll("the mail server");
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
