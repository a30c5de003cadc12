package io.countersign.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.countersign.mail.MailSecurity;
import io.countersign.mail.MailSettings;
import io.countersign.mail.MailSettingsInput;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailSettingsRulesTests {

    @Test
    void portsDefaultToWhatTheSecurityUses() {
        assertThat(smtpPort(MailSecurity.NONE)).isEqualTo(25);
        assertThat(smtpPort(MailSecurity.STARTTLS)).isEqualTo(587);
        assertThat(smtpPort(MailSecurity.TLS)).isEqualTo(465);
        assertThat(smtpPort(null)).isEqualTo(587);
        assertThat(imap(null).port()).isEqualTo(993);
        assertThat(imap(null).security()).isEqualTo(MailSecurity.TLS);
        assertThat(imap(MailSecurity.STARTTLS).port()).isEqualTo(143);
        assertThat(imap(null).folder()).isEqualTo("INBOX");
    }

    @Test
    void aKeywordRepeatedInAnyCaseIsRefusedWhereItRepeats() {
        var input =
                new MailSettingsInput(smtp(null), null, false, List.of(" Granted ", "lgtm", "GRANTED", "LGTM-"), null);

        assertThatThrownBy(() -> MailSettingsRules.apply(input, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(FieldIssue::field, FieldIssue::code, FieldIssue::message)
                                .containsExactly(
                                        tuple(
                                                "approveKeywords[2]",
                                                "duplicate",
                                                "'GRANTED' repeats word 1 ('Granted'): words are compared in any case, so"
                                                        + " give each once"),
                                        tuple(
                                                "approveKeywords[3]",
                                                "duplicate",
                                                "'LGTM-' repeats word 2 ('lgtm'): words are compared in any case, so give"
                                                        + " each once")));
    }

    @Test
    void aKeywordThatIsABuiltInApproveWordIsRefusedWhereItStands() {
        var input =
                new MailSettingsInput(smtp(null), null, false, List.of("Granted", "OK", " Approved ", "yes-"), null);

        String approveAlready = "' approves already, as Yes, Approve, Approved and Ok always do: give only other words";
        assertThatThrownBy(() -> MailSettingsRules.apply(input, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(FieldIssue::field, FieldIssue::code, FieldIssue::message)
                                .containsExactly(
                                        tuple("approveKeywords[1]", "invalid_value", "'OK" + approveAlready),
                                        tuple("approveKeywords[2]", "invalid_value", "'Approved" + approveAlready),
                                        tuple("approveKeywords[3]", "invalid_value", "'yes-" + approveAlready)));
    }

    @Test
    void keywordsAreKeptTrimmedInTheirOrder() {
        MailSettings settings = MailSettingsRules.apply(
                new MailSettingsInput(smtp(null), null, false, List.of(" Granted ", "ja"), null), null);

        assertThat(settings.approveKeywords()).containsExactly("Granted", "ja");
    }

    @Test
    void withoutAnImapHostThereIsNoImapServer() {
        // what the settings read while no IMAP server is saved, sent back
        var asRead = new MailSettingsInput.Imap(null, 993, MailSecurity.TLS, null, null, "INBOX", null);
        var blankHost = new MailSettingsInput.Imap(" ", 993, MailSecurity.TLS, " ", "", "  ", " ");
        var bare = new MailSettingsInput.Imap("", null, null, null, null, null, null);

        for (var imap : List.of(asRead, blankHost, bare)) {
            assertThat(MailSettingsRules.apply(new MailSettingsInput(smtp(null), imap, false, null, null), null)
                            .imap())
                    .isNull();
        }
    }

    @Test
    void imapSettingsWithoutAnImapHostAreRefusedRatherThanDropped() {
        var noHost = new MailSettingsInput.Imap(
                null, 1143, MailSecurity.NONE, "u", "p", "Approvals", "-----BEGIN CERTIFICATE-----");

        assertThatThrownBy(() ->
                        MailSettingsRules.apply(new MailSettingsInput(smtp(null), noHost, false, null, null), null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(issue -> issue.field() + ":" + issue.code())
                                .containsExactlyInAnyOrder(
                                        "imap.security:not_applicable",
                                        "imap.port:not_applicable",
                                        "imap.username:not_applicable",
                                        "imap.password:not_applicable",
                                        "imap.folder:not_applicable",
                                        "imap.trustedCertificate:not_applicable"));
    }

    @Test
    void aPortOutOfRangeIsRefusedWithOrWithoutAnImapHost() {
        var noHost = new MailSettingsInput.Imap(null, 0, null, null, null, null, null);

        assertThatThrownBy(() ->
                        MailSettingsRules.apply(new MailSettingsInput(smtp(null), noHost, false, null, null), null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(issue -> issue.field() + ":" + issue.code())
                                .containsExactly("imap.port:out_of_range"));
    }

    private static int smtpPort(MailSecurity security) {
        return MailSettingsRules.apply(new MailSettingsInput(smtp(security), null, null, null, null), null)
                .smtp()
                .port();
    }

    private static MailSettings.Imap imap(MailSecurity security) {
        var imap = new MailSettingsInput.Imap("imap.example.com", null, security, "u", "p", null, null);
        return MailSettingsRules.apply(new MailSettingsInput(smtp(null), imap, true, null, null), null)
                .imap();
    }

    private static MailSettingsInput.Smtp smtp(MailSecurity security) {
        return new MailSettingsInput.Smtp("smtp.example.com", null, security, null, null, "cs@example.com", null);
    }
}
