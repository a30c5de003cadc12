package io.countersign.web.pages.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.MailSettingsService;
import io.countersign.mail.MailTest;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.web.pages.admin.AdminBrowsing;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

/** The keywords box of the mail settings page refuses a word given twice, as the API does, and says which. */
@MailTest
class MailSettingsPageKeywordsTests {

    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"([^\"]*)\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    MailSettingsService settings;

    @Test
    void aKeywordGivenTwiceInAnyCaseIsNamedBesideTheBoxAndNothingIsSaved() throws Exception {
        AdminBrowsing browsing = new AdminBrowsing(mvc, api);
        MockHttpSession admin = browsing.as(Role.ADMIN);
        var before = settings.current().approveKeywords();

        MockHttpServletResponse refused = browsing.post(
                admin,
                "/admin/mail",
                "version",
                version(browsing, admin),
                "smtpHost",
                "smtp.example.com",
                "smtpPort",
                "587",
                "smtpSecurity",
                "STARTTLS",
                "smtpFrom",
                "countersign@example.com",
                "approveKeywords",
                "lgtm, LGTM, sure, Ja",
                "instanceName",
                MailTest.INSTANCE_NAME);

        assertThat(refused.getStatus()).isEqualTo(400);
        String page = HtmlUtils.htmlUnescape(refused.getContentAsString());
        assertThat(page)
                .contains("Nothing was saved: one field needs a change.")
                .contains("'LGTM' repeats word 1 ('lgtm'): words are compared in any case, so give each once")
                .contains("id=\"error-approveKeywords\"")
                .contains("value=\"lgtm, LGTM, sure, Ja\"");
        assertThat(settings.current().approveKeywords()).isEqualTo(before);
    }

    private static String version(AdminBrowsing browsing, MockHttpSession admin) throws Exception {
        Matcher version = VERSION.matcher(browsing.get(admin, "/admin/mail").getContentAsString());
        assertThat(version.find()).as("a version on the mail settings page").isTrue();
        return HtmlUtils.htmlUnescape(version.group(1));
    }
}
