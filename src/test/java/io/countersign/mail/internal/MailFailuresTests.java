package io.countersign.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.MailNotSent;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

/** What a mail delivery's error says, from what Jakarta Mail threw, without the server's host. */
class MailFailuresTests {

    static final String HOST = "smtp.corp.example";

    @Test
    void aRefusedConnectionIsSaidInWordsWithoutTheHostOrPort() {
        String error = MailFailures.describe(
                notSent(new MailConnectException(new SocketConnectException(
                        "Connection refused", new ConnectException("Connection refused"), HOST, 2525, 10_000))),
                HOST);

        assertThat(error).isEqualTo("could not reach the mail server: connection refused");
    }

    @Test
    void aTimeoutIsATimeoutThoughJakartaMailWrapsItAsAFailureToConnect() {
        assertThat(MailFailures.describe(
                        notSent(new MailConnectException(new SocketConnectException(
                                "Connect timed out", new SocketTimeoutException("Connect timed out"), HOST, 25, 10))),
                        HOST))
                .isEqualTo("could not reach the mail server: timed out");
        assertThat(MailFailures.describe(
                        notSent(new MessagingException(
                                "Exception reading response", new SocketTimeoutException("Read timed out"))),
                        HOST))
                .isEqualTo("could not reach the mail server: timed out");
    }

    @Test
    void aHostThatDoesNotResolveIsSaidSo() {
        assertThat(MailFailures.describe(
                        notSent(new MessagingException("Unknown SMTP host: " + HOST, new UnknownHostException(HOST))),
                        HOST))
                .isEqualTo("could not reach the mail server: name not resolved");
    }

    @Test
    void aConnectionThatBrokeIsSaidInWords() {
        assertThat(MailFailures.describe(
                        notSent(new MessagingException(
                                "Could not convert socket to TLS", new SSLHandshakeException("PKIX path building"))),
                        HOST))
                .isEqualTo("the connection to the mail server failed: TLS handshake failed");
    }

    @Test
    void theServersOwnAnswerIsKeptWithoutItsHostOrPort() {
        String error = MailFailures.describe(
                notSent(new MessagingException(
                        "Got bad greeting from SMTP host: SMTP.corp.example, port: 25, response: 421 too busy")),
                HOST);

        assertThat(error).isEqualTo("Got bad greeting from SMTP host: the mail server, response: 421 too busy");
        assertThat(MailFailures.describe(notSent(new MessagingException("535 5.7.8 Authentication failed")), HOST))
                .isEqualTo("535 5.7.8 Authentication failed");
    }

    @Test
    void theServersAnswerLosesTheAddressesItCarriesButNotItsCodeAndText() {
        assertThat(MailFailures.describe(
                        notSent(new MessagingException(
                                "421 4.7.0 mx.corp.example [10.0.0.5] Too many connections, port 2525")),
                        HOST))
                .isEqualTo("421 4.7.0 mx.corp.example the mail server Too many connections");
        assertThat(MailFailures.describe(
                        notSent(new MessagingException(
                                "Could not send to " + HOST + "/10.0.0.5:2525: 554 5.7.1 Denied")),
                        HOST))
                .isEqualTo("Could not send to the mail server: 554 5.7.1 Denied");
        assertThat(MailFailures.describe(
                        notSent(new MessagingException("421 4.3.2 " + HOST + " [10.0.0.5] closing")), HOST))
                .isEqualTo("421 4.3.2 the mail server closing");
        assertThat(MailFailures.describe(
                        notSent(new MessagingException("421 4.3.2 [IPv6:2001:db8::5]:587 closing")), HOST))
                .isEqualTo("421 4.3.2 the mail server closing");
    }

    private static MailNotSent notSent(MessagingException cause) {
        return new MailNotSent(ServerMessages.of(cause), cause);
    }
}
