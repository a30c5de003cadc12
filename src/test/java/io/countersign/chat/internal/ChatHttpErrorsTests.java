package io.countersign.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ChatHttpErrorsTests {

    private static <T extends Throwable> T causedBy(T failure, Throwable cause) {
        failure.initCause(cause);
        return failure;
    }

    @Test
    void whatTheJdkThrowsIsSaidInWordsWithoutAClassName() {
        assertThat(ChatHttpErrors.of(causedBy(new ConnectException(), new ConnectException("Connection refused"))))
                .isEqualTo("connection refused");
        assertThat(ChatHttpErrors.of(causedBy(
                        new ConnectException(), causedBy(new ConnectException(), new ClosedChannelException()))))
                .isEqualTo("connection refused");
        assertThat(ChatHttpErrors.of(new ConnectException("Network is unreachable")))
                .isEqualTo("network unreachable");
        assertThat(ChatHttpErrors.of(causedBy(new ConnectException(), new UnresolvedAddressException())))
                .isEqualTo("name not resolved");
        assertThat(ChatHttpErrors.of(new HttpConnectTimeoutException("HTTP connect timed out")))
                .isEqualTo("timed out connecting");
        assertThat(ChatHttpErrors.of(new HttpTimeoutException("request timed out")))
                .isEqualTo("timed out waiting for an answer");
        assertThat(ChatHttpErrors.of(new SSLHandshakeException("PKIX path building failed")))
                .isEqualTo("TLS handshake failed");
        assertThat(ChatHttpErrors.of(new IOException("Connection reset"))).isEqualTo("connection reset");
        assertThat(ChatHttpErrors.of(new IllegalArgumentException("Illegal character in path")))
                .isEqualTo("the address is not usable");
        assertThat(ChatHttpErrors.of(new IOException("https://hooks.example/secret-path failed")))
                .isEqualTo("connection failed");
    }
}
