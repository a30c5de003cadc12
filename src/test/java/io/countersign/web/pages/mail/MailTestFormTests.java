package io.countersign.web.pages.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.countersign.mail.MailServers;
import io.countersign.mail.MailSettingsInput;
import io.countersign.mail.MailTest;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.web.pages.admin.AdminBrowsing;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The test mail form refuses an address it cannot send to, keeping what was typed to be mended. */
@MailTest
class MailTestFormTests {

    @RegisterExtension
    static final GreenMailExtension mail = MailServers.extension();

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    AdminBrowsing browsing;
    MockHttpSession admin;

    @BeforeEach
    void signInAsAdministrator() {
        browsing = new AdminBrowsing(mvc, api);
        admin = browsing.as(Role.ADMIN);
    }

    @Test
    void aRefusedAddressStaysInItsFieldEscapedAndMarked() throws Exception {
        MockHttpServletResponse refused = browsing.post(admin, "/admin/mail/test", "to", "ops@exa mple.com<b>");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .containsPattern("<input id=\"to\"[^>]*aria-invalid=\"true\"")
                .containsPattern("<input id=\"to\"[^>]*value=\"ops@exa mple.com&lt;b&gt;\"")
                .doesNotContain("ops@exa mple.com<b>", "Test mail sent to", "No test mail was sent to");
    }

    @Test
    void aRefusedTestSaysNoTestMailWasSentRatherThanThatNothingWasSaved() throws Exception {
        MockHttpServletResponse refused = browsing.post(admin, "/admin/mail/test", "to", "ops, two@example.com");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("No test mail was sent: one field needs a change.")
                .doesNotContain("Nothing was saved");
    }

    @Test
    void aRefusedSaveCountsTheFieldsThatNeedAChangeNotTheirProblems() throws Exception {
        MockHttpServletResponse refused = browsing.post(
                admin,
                "/admin/mail",
                "smtpHost",
                "smtp.example.com",
                "smtpPort",
                "99999x",
                "smtpSecurity",
                "STARTTLS",
                "smtpFrom",
                "not an address <x",
                "approveKeywords",
                "lgtm, LGTM, two words");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("Nothing was saved: 3 fields need a change.");
    }

    @Test
    void aTestMailThatLeftSaysSoAndThatImapWasNotTriedWithoutAServer() throws Exception {
        api.asAdmin()
                .put(
                        "/api/v1/settings/mail",
                        Api.json(new MailSettingsInput(MailServers.plainSmtp(mail), null, false, List.of(), null)))
                .expect(200);

        String page = browsing.post(admin, "/admin/mail/test", "to", "ops@example.com")
                .getContentAsString();

        assertThat(page)
                .containsPattern("<div id=\"check\"[^>]*role=\"status\"")
                .contains("Test mail sent to ops@example.com", "SMTP: the test mail was accepted.")
                .contains("IMAP: not tried, as no IMAP server is configured; one is needed only to approve by mail.")
                .doesNotContain("IMAP failed");
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
    }
}
