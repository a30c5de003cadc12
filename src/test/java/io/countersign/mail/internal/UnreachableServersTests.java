package io.countersign.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.MailNotSent;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.junit.jupiter.api.Test;

/** The failures Jakarta Mail reports for a server that is not there, as they reach the sender. */
class UnreachableServersTests {

    @Test
    void aRefusedConnectionAndAConnectTimeoutAreAnUnreachableServer() {
        assertThat(UnreachableServers.isCause(
                        notSent(new MailConnectException(new org.eclipse.angus.mail.util.SocketConnectException(
                                "Connection refused",
                                new ConnectException("Connection refused"),
                                "mail",
                                25,
                                10_000)))))
                .isTrue();
        assertThat(UnreachableServers.isCause(notSent(
                        new MessagingException("Could not connect", new SocketTimeoutException("Connect timed out")))))
                .isTrue();
        assertThat(UnreachableServers.isCause(
                        notSent(new MessagingException("Unknown SMTP host", new UnknownHostException("mail")))))
                .isTrue();
    }

    @Test
    void aServerThatAcceptsTheConnectionButNeverAnswersIsUnreachable() {
        assertThat(UnreachableServers.isCause(notSent(new MessagingException(
                        "Exception reading response", new SocketTimeoutException("Read timed out")))))
                .isTrue();
    }

    @Test
    void aServerThatAnswersWithARefusalIsReachable() {
        assertThat(UnreachableServers.isCause(notSent(new MessagingException("535 5.7.8 Authentication failed"))))
                .isFalse();
        assertThat(UnreachableServers.isCause(notSent(new MessagingException(
                        "Got bad greeting from SMTP host: mail, port: 25, response: 421 too busy"))))
                .isFalse();
    }

    private static MailNotSent notSent(MessagingException cause) {
        return new MailNotSent(ServerMessages.of(cause), cause);
    }
}
