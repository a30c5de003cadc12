package io.countersign.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.countersign.testing.Api;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@MailTest
class MailServerCheckTests {

    @RegisterExtension
    static final GreenMailExtension mail = MailServers.extension();

    @Autowired
    Api api;

    @Test
    void theTestSendsAMailAndOpensTheNestedFolderOverImaps() throws Exception {
        MailServers.createNestedFolder(mail);
        save(MailServers.imaps(mail, MailServers.PASSWORD, "Inbox/PAM Workflow Approvals"));

        JsonNode result = test("ops@example.com");

        assertThat(result.get("smtp").get("ok").asBoolean())
                .as(result.toString())
                .isTrue();
        assertThat(result.get("imap").get("ok").asBoolean())
                .as(result.toString())
                .isTrue();
        assertThat(result.get("smtp").get("error").isNull()).isTrue();
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        var received = mail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo(MailTest.INSTANCE_NAME + " - Test Mail");
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
    }

    @Test
    void aWrongImapPasswordAnswersWithTheServersOwnError() {
        MailServers.createNestedFolder(mail);
        save(MailServers.imaps(mail, "not-the-password", "Inbox/PAM Workflow Approvals"));

        JsonNode result = test("ops@example.com");

        assertThat(result.get("smtp").get("ok").asBoolean()).isTrue();
        assertThat(result.get("imap").get("ok").asBoolean()).isFalse();
        // GreenMail's own words for a failed LOGIN
        assertThat(result.get("imap").get("error").asString()).containsIgnoringCase("invalid login/password");
    }

    @Test
    void aMissingFolderIsReported() {
        save(MailServers.imaps(mail, MailServers.PASSWORD, "Inbox/No Such Folder"));

        JsonNode result = test("ops@example.com");

        assertThat(result.get("imap").get("ok").asBoolean()).isFalse();
        assertThat(result.get("imap").get("error").asString()).contains("Inbox/No Such Folder", "does not exist");
    }

    @Test
    void anImapsServerWhoseCertificateIsNotTrustedIsRefused() {
        var untrusted = new MailSettingsInput.Imap(
                MailServers.HOST,
                mail.getImaps().getPort(),
                MailSecurity.TLS,
                MailServers.LOGIN,
                MailServers.PASSWORD,
                "INBOX",
                null);
        save(untrusted);

        JsonNode result = test("ops@example.com");

        assertThat(result.get("imap").get("ok").asBoolean()).isFalse();
        assertThat(result.get("imap").get("error").asString()).containsIgnoringCase("certification path");
    }

    @Test
    void aTrustedCertificateIssuedForAnotherHostIsRefusedForItsNameWithoutFallingBackToTheSystemAuthorities()
            throws Exception {
        try (var server = new MisnamedTlsServer()) {
            var smtp = new MailSettingsInput.Smtp(
                    server.host(),
                    server.port(),
                    MailSecurity.TLS,
                    null,
                    null,
                    "countersign@example.com",
                    MisnamedTlsServer.certificate());
            var imap = new MailSettingsInput.Imap(
                    server.host(),
                    server.port(),
                    MailSecurity.TLS,
                    MailServers.LOGIN,
                    MailServers.PASSWORD,
                    "INBOX",
                    MisnamedTlsServer.certificate());
            api.asAdmin()
                    .put("/api/v1/settings/mail", Api.json(new MailSettingsInput(smtp, imap, false, List.of(), null)))
                    .expect(200);

            JsonNode result = test("ops@example.com");

            // a second attempt with the system's authorities would answer "unable to find valid
            // certification path" instead, hiding the real reason and trusting more than was pasted
            for (String part : List.of("smtp", "imap")) {
                assertThat(result.get(part).get("ok").asBoolean()).isFalse();
                assertThat(result.get(part).get("error").asString())
                        .as(part)
                        .containsIgnoringCase("subject alternative names matching IP address " + server.host())
                        .doesNotContainIgnoringCase("certification path");
            }
        }
    }

    @Test
    void anSmtpServerThatIsDownAnswersWhyAndTheImapPartStillRuns() {
        MailServers.createNestedFolder(mail);
        var down = new MailSettingsInput.Smtp(
                MailServers.HOST, 9, MailSecurity.NONE, null, null, "countersign@example.com", null);
        api.asAdmin()
                .put(
                        "/api/v1/settings/mail",
                        Api.json(new MailSettingsInput(
                                down,
                                MailServers.imaps(mail, MailServers.PASSWORD, "INBOX/" + MailServers.NESTED_FOLDER),
                                false,
                                List.of(),
                                null)))
                .expect(200);

        JsonNode result = test("ops@example.com");

        assertThat(result.get("smtp").get("ok").asBoolean()).isFalse();
        // the words a delivery's lastError uses, not Jakarta Mail's, which name the host and port
        assertThat(result.get("smtp").get("error").asString())
                .isEqualTo("could not reach the mail server: connection refused");
        assertThat(result.get("imap").get("ok").asBoolean()).isTrue();
    }

    @Test
    void anImapServerThatIsDownAnswersWhyInTheSameWords() {
        save(new MailSettingsInput.Imap(
                MailServers.HOST, 9, MailSecurity.NONE, MailServers.LOGIN, MailServers.PASSWORD, "INBOX", null));

        JsonNode result = test("ops@example.com");

        assertThat(result.get("smtp").get("ok").asBoolean()).isTrue();
        assertThat(result.get("imap").get("error").asString())
                .isEqualTo("could not reach the mail server: connection refused");
    }

    @Test
    void theRecipientMustBeAnAddress() {
        var response = api.asAdmin().post("/api/v1/settings/mail/test", "{\"to\":\"ops\\r\\nBcc: x@example.com\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("to");
    }

    @Test
    void aMissingRecipientIsRequiredNotAnInvalidAddress() {
        for (String body : List.of("{}", "{\"to\":null}", "{\"to\":\"  \"}")) {
            var response = api.asAdmin().post("/api/v1/settings/mail/test", body);

            assertThat(response.status()).as(body).isEqualTo(400);
            JsonNode issue = response.json().get("errors").get(0);
            assertThat(issue.get("field").asString()).isEqualTo("to");
            assertThat(issue.get("code").asString()).as(body).isEqualTo("required");
        }
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    private void save(MailSettingsInput.Imap imap) {
        api.asAdmin()
                .put(
                        "/api/v1/settings/mail",
                        Api.json(new MailSettingsInput(MailServers.plainSmtp(mail), imap, true, List.of(), null)))
                .expect(200);
    }

    private JsonNode test(String to) {
        return api.asAdmin()
                .post("/api/v1/settings/mail/test", Api.json(java.util.Map.of("to", to)))
                .expect(200)
                .json();
    }
}
