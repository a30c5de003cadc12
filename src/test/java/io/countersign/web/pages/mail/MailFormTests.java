package io.countersign.web.pages.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.countersign.mail.MailSecurity;
import io.countersign.mail.MailSettings;
import io.countersign.shared.FieldIssue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailFormTests {

    static final String PEM = "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----";

    final MailSettings stored = new MailSettings(
            new MailSettings.Smtp("smtp.example.com", 587, MailSecurity.STARTTLS, null, null, "cs@example.com", PEM),
            new MailSettings.Imap("imap.example.com", 993, MailSecurity.TLS, "cs", "secret", "INBOX", PEM),
            false,
            List.of(),
            "Acme PAM");

    @Test
    void savingKeepsTheTrustedCertificatesThePageDoesNotShow() {
        var input = MailForm.of(stored).read(stored, new ArrayList<>());

        assertThat(input.smtp().trustedCertificate()).isEqualTo(PEM);
        assertThat(input.imap().trustedCertificate()).isEqualTo(PEM);
    }

    @Test
    void aPortIsDecimalDigitsOnlyAsInTheApi() {
        MailForm form = MailForm.of(stored);
        form.smtpPort = "+587";
        form.imapPort = "\u0669\u0669\u0663";
        List<FieldIssue> issues = new ArrayList<>();

        var input = form.read(stored, issues);

        assertThat(input.smtp().port()).isNull();
        assertThat(input.imap().port()).isNull();
        assertThat(issues)
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactlyInAnyOrder(tuple("smtp.port", "invalid_number"), tuple("imap.port", "invalid_number"));
    }

    @Test
    void clearingTheImapServerLetsItsCertificateGoWithIt() {
        MailForm form = MailForm.of(stored);
        form.imapHost = " ";
        form.imapUsername = "";
        List<FieldIssue> issues = new ArrayList<>();

        var input = form.read(stored, issues);

        assertThat(issues).isEmpty();
        assertThat(input.imap().trustedCertificate()).isNull();
        assertThat(input.smtp().trustedCertificate()).isEqualTo(PEM);
    }
}
