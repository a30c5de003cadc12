package io.countersign.mail.internal;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Tells a mail server that could not be reached, or did not answer in time, from one that answered
 * with a refusal: the first says nothing about the mail being sent and everything about the next
 * mail to the same server, which will wait out the same timeout.
 */
final class UnreachableServers {

    private static final int MAX_DEPTH = 10;

    private UnreachableServers() {}

    static boolean isCause(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            // InterruptedIOException covers the connect and read timeouts (SocketTimeoutException)
            if (t instanceof MailConnectException
                    || t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
                    || t instanceof InterruptedIOException) {
                return true;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return false;
    }
}
