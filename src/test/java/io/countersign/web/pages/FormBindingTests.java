package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.web.pages.admin.AdminBrowsing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A page form whose fields cannot be bound (an index far beyond a list's end or no number at all, a
 * switch that is neither on nor off, a choice the form does not offer, a number too large) is
 * refused with a readable page, in words rather than Java types, and changes nothing.
 */
@CountersignTest
class FormBindingTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    AdminBrowsing browsing;
    MockHttpSession admin;

    @BeforeEach
    void signIn() {
        browsing = new AdminBrowsing(mvc, api);
        admin = browsing.as(Role.ADMIN);
    }

    @Test
    void aStepFarBeyondTheLastBuildsNothingAndIsRefusedWithAPage() throws Exception {
        String name = Api.unique("policy");

        MockHttpServletResponse answer = send(
                "/admin/policies/new", "name", name, "action", "save", "steps[0].name", "a", "steps[99999].name", "b");

        assertRefusedPage(answer, "steps: the form holds at most 21 of these");
        assertThat(api.asAdmin().get("/api/v1/policies/" + name).status()).isEqualTo(404);
    }

    @Test
    void anIndexThatIsNoWholeNumberIsRefusedWithAPage() throws Exception {
        for (String field : new String[] {"steps[abc].name", "steps[-1].name", "steps[99999999999].name"}) {
            assertRefusedPage(send("/admin/policies/new", field, "x"), "steps: the form holds at most 21 of these");
        }
        assertRefusedPage(send("/admin/webhooks", "url", "https://example.com/hook", "events[99999]", "x"), "events:");
    }

    @Test
    void aSwitchThatIsNeitherOnNorOffIsRefusedInWords() throws Exception {
        assertRefusedPage(
                send("/admin/policies/new", "enabled", "maybe"), "enabled: must be true or false; nothing was changed");
        assertRefusedPage(send("/admin/mail", "approveByMail", "maybe"), "approveByMail: must be true or false");
        assertRefusedPage(send("/admin/channels", "isDefault", "maybe"), "isDefault: must be true or false");
    }

    @Test
    void aChoiceTheFormDoesNotOfferIsRefusedAndCreatesNobody() throws Exception {
        String username = Api.unique("chosen");

        MockHttpServletResponse answer =
                send("/admin/users", "username", username, "email", username + "@example.com", "role", "GOD");

        assertRefusedPage(answer, "role: must be one of ");
        assertThat(api.asAdmin().get("/api/v1/users/" + username).status()).isEqualTo(404);
    }

    @Test
    void aStepNumberThatIsNoNumberOrTooLargeIsRefusedInWords() throws Exception {
        assertRefusedPage(send("/requests/req-1/approve", "step", "abc"), "step: must be a whole number");
        assertRefusedPage(send("/requests/req-1/approve", "step", "99999999999"), "step: must be a whole number");
    }

    /** Spring's own reading took these as step 0 (or 12), so a tampered form decided another step. */
    @Test
    void aStepNumberThatIsNotPlainDecimalDigitsIsRefusedInWords() throws Exception {
        for (String step : new String[] {"0x0", "0X1", "#0", "+0", " 0", "1 2", "\u0660", "-"}) {
            assertRefusedPage(send("/requests/req-1/approve", "step", step), "step: must be a whole number");
            assertRefusedPage(
                    send("/requests/req-1/reject", "step", step, "comment", "no"), "step: must be a whole number");
        }
    }

    @Test
    void aScriptSendingSuchAFormGetsA400NotAFailure() throws Exception {
        MockHttpServletResponse answer =
                browsing.post(admin, "/admin/policies/new", "steps[abc].name", "x", "enabled", "maybe");

        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(answer.getContentAsString()).doesNotContain("java.");
    }

    private MockHttpServletResponse send(String path, String... fields) {
        return browsing.submit(admin, path, fields);
    }

    private static void assertRefusedPage(MockHttpServletResponse answer, String says) throws Exception {
        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(answer.getContentType()).startsWith("text/html");
        assertThat(answer.getContentAsString())
                .contains("<h1>Bad Request</h1>", says, "nothing was changed")
                .doesNotContain("java.", "Failed to convert");
    }
}
