package io.countersign.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.MailSecurity;
import io.countersign.mail.MailSettings;
import io.countersign.mail.MailSettingsInput;
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
    void keywordsAreKeptOnceInTheirFirstSpelling() {
        MailSettings settings = MailSettingsRules.apply(
                new MailSettingsInput(smtp(null), null, false, List.of(" Granted ", "GRANTED", "ja"), null), null);

        assertThat(settings.approveKeywords()).containsExactly("Granted", "ja");
    }

    @Test
    void withoutAnImapHostThereIsNoImapServer() {
        var blankHost = new MailSettingsInput.Imap(" ", 993, null, "u", "p", "INBOX", null);

        assertThat(MailSettingsRules.apply(new MailSettingsInput(smtp(null), blankHost, false, null, null), null)
                        .imap())
                .isNull();
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
