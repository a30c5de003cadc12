package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * A refused form's heading counts the fields to mend, as a sighted user sees them and a screen reader
 * reads them, and a field with several messages names every one of them in aria-describedby.
 */
@CountersignTest
class ProblemCountTests extends AdminPagesTestBase {

    @Test
    void aStepFieldWithTwoMessagesIsOneFieldToMendAndNamesBothMessages() throws Exception {
        MockHttpServletResponse refused = browsing.post(
                admin,
                "/admin/policies/new",
                "action",
                "save",
                "name",
                Api.unique("policy"),
                "priority",
                "0",
                "resourceName",
                "prod-*",
                "steps[0].name",
                "Review",
                "steps[0].approvers.users",
                "admin",
                "steps[0].requiredApprovals",
                "1",
                "steps[0].notify",
                "no-such-channel-one, no-such-channel-two");

        String page = HtmlUtils.htmlUnescape(refused.getContentAsString());
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(page)
                .contains("The policy was not saved: one field needs a change.")
                .contains("id=\"error-steps[0].notify\"", "id=\"error-steps[0].notify-2\"");
        assertThat(control(page, "steps[0].notify"))
                .contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"error-steps[0].notify error-steps[0].notify-2\"");
    }

    @Test
    void twoKeywordsRefusedAreOneFieldToMendAndTheBoxNamesBothMessages() throws Exception {
        MockHttpServletResponse refused = browsing.edit(
                admin,
                "/admin/mail",
                "smtpHost",
                "smtp.example.com",
                "smtpPort",
                "587",
                "smtpSecurity",
                "STARTTLS",
                "smtpFrom",
                "countersign@example.com",
                "approveKeywords",
                "lgtm, LGTM, sure, SURE",
                "instanceName",
                "Countersign");

        String page = HtmlUtils.htmlUnescape(refused.getContentAsString());
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(page)
                .contains("Nothing was saved: one field needs a change.")
                .contains("id=\"error-approveKeywords\"", "id=\"error-approveKeywords-2\"");
        assertThat(control(page, "approveKeywords"))
                .contains("aria-describedby=\"error-approveKeywords error-approveKeywords-2\"");
    }

    private static String control(String page, String id) {
        Matcher found = Pattern.compile("<(?:input|select|textarea)\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>")
                .matcher(page);
        assertThat(found.find()).as("a control with id %s", id).isTrue();
        return found.group();
    }
}
