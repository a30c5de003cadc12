package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ConnectionFailuresTests {

    private static <T extends Throwable> T causedBy(T failure, Throwable cause) {
        failure.initCause(cause);
        return failure;
    }

    @Test
    void whatTheJdkThrowsIsSaidInWordsWithoutAClassName() {
        assertThat(ConnectionFailures.describe(
                        causedBy(new ConnectException(), new ConnectException("Connection refused"))))
                .isEqualTo("connection refused");
        assertThat(ConnectionFailures.describe(causedBy(
                        new ConnectException(), causedBy(new ConnectException(), new ClosedChannelException()))))
                .isEqualTo("connection refused");
        assertThat(ConnectionFailures.describe(new ConnectException("Network is unreachable")))
                .isEqualTo("network unreachable");
        assertThat(ConnectionFailures.describe(causedBy(new ConnectException(), new UnresolvedAddressException())))
                .isEqualTo("name not resolved");
        assertThat(ConnectionFailures.describe(new HttpConnectTimeoutException("HTTP connect timed out")))
                .isEqualTo("timed out connecting");
        assertThat(ConnectionFailures.describe(new HttpTimeoutException("request timed out")))
                .isEqualTo("timed out waiting for an answer");
        assertThat(ConnectionFailures.describe(
                        causedBy(new ConnectException("Connect timed out"), new SocketTimeoutException())))
                .as("a plain socket's timeout, not a refusal, though wrapped as a failure to connect")
                .isEqualTo("timed out");
        assertThat(ConnectionFailures.describe(new SSLHandshakeException("PKIX path building failed")))
                .isEqualTo("TLS handshake failed");
        assertThat(ConnectionFailures.describe(new IOException("Connection reset")))
                .isEqualTo("connection reset");
        assertThat(ConnectionFailures.describe(new IllegalArgumentException("Illegal character in path")))
                .isEqualTo("the address is not usable");
        assertThat(ConnectionFailures.describe(new IOException("https://hooks.example/secret-path failed")))
                .isEqualTo("connection failed");
    }

    @Test
    void aFailureThatIsNoConnectionsHasNoWordsOfItsOwn() {
        assertThat(ConnectionFailures.named(new IllegalStateException("posting to https://hooks.example failed")))
                .isEmpty();
        assertThat(ConnectionFailures.named(
                        new UncheckedIOException(new IOException("x", new ConnectException("Connection refused")))))
                .contains("connection refused");
    }

    @Test
    void aServerThatCouldNotBeReachedOrDidNotAnswerIsUnreachable() {
        assertThat(ConnectionFailures.unreachable(causedBy(new ConnectException(), new ClosedChannelException())))
                .isTrue();
        assertThat(ConnectionFailures.unreachable(causedBy(new ConnectException(), new UnresolvedAddressException())))
                .isTrue();
        assertThat(ConnectionFailures.unreachable(new HttpConnectTimeoutException("HTTP connect timed out")))
                .isTrue();
        assertThat(ConnectionFailures.unreachable(new HttpTimeoutException("request timed out")))
                .isTrue();
        assertThat(ConnectionFailures.unreachable(new SSLHandshakeException("PKIX path building failed")))
                .as("a server that answered with a certificate nobody trusts")
                .isFalse();
        assertThat(ConnectionFailures.unreachable(new IOException("Connection reset")))
                .isFalse();
        assertThat(ConnectionFailures.unreachable(new IllegalArgumentException("port out of range")))
                .isFalse();
    }
}
