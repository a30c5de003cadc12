package io.countersign.shared.outbound;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Failures of {@link OutboundHttpClient} told as the JDK's HTTP client tells them, whose words and
 * unreachable-or-not reading {@link io.countersign.shared.ConnectionFailures} already has: a plain
 * socket's timeout there means a mail server's, and would lose whether the connection or the answer
 * was late. The original stays the cause; its message, which names the host, is never shown.
 */
final class OutboundFailures {

    private OutboundFailures() {}

    static IOException inJdkTerms(IOException failure, boolean overdue) {
        if (failure instanceof RefusedAddressException) {
            return failure;
        }
        if (overdue) {
            return because(new HttpTimeoutException("no answer within the deadline"), failure);
        }
        if (failure instanceof ConnectTimeoutException) {
            return because(new HttpConnectTimeoutException("connect timed out"), failure);
        }
        if (failure instanceof SocketTimeoutException) {
            return because(new HttpTimeoutException("no answer in time"), failure);
        }
        if (failure instanceof NoHttpResponseException) {
            return because(new EOFException("closed without an answer"), failure);
        }
        return failure;
    }

    private static IOException because(IOException said, IOException cause) {
        said.initCause(cause);
        return said;
    }
}
