package io.countersign.web.pages.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.MailTest;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.web.pages.admin.AdminBrowsing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The test mail form refuses an address it cannot send to, keeping what was typed to be mended. */
@MailTest
class MailTestFormTests {

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
                .doesNotContain("ops@exa mple.com<b>", "Test sent to");
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
}
