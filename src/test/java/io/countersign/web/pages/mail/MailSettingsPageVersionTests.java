package io.countersign.web.pages.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.MailTest;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.web.pages.admin.AdminBrowsing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * The mail settings page carries the version of the settings it was opened at: saved after someone
 * else changed them, it saves nothing and says so, with what was typed kept; opened again, it saves.
 */
@MailTest
class MailSettingsPageVersionTests {

    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"([^\"]*)\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Test
    void aFormOpenedBeforeAnotherChangeSavesNothing() throws Exception {
        AdminBrowsing browsing = new AdminBrowsing(mvc, api);
        MockHttpSession admin = browsing.as(Role.ADMIN);
        api.asAdmin()
                .put("/api/v1/settings/mail", Api.json(settings(List.of("Granted"))))
                .expect(200);
        String opened = version(browsing, admin);
        api.asAdmin()
                .put("/api/v1/settings/mail", Api.json(settings(List.of("Elsewhere"))))
                .expect(200);

        MockHttpServletResponse stale = send(browsing, admin, opened, "Typed");

        assertThat(stale.getRedirectedUrl()).isNull();
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(stale.getContentAsString())
                .contains("Nothing was saved: someone else changed the mail settings after this form was opened")
                .contains("value=\"Typed\"", "Open the current version");
        assertThat(keywords()).containsExactly("Elsewhere");

        MockHttpServletResponse saved = send(browsing, admin, version(browsing, admin), "Typed");
        assertThat(browsing.follow(admin, saved)).contains("The mail settings are saved.");
        assertThat(keywords()).containsExactly("Typed");
    }

    @Test
    void aFormWithoutItsVersionSavesNothing() throws Exception {
        AdminBrowsing browsing = new AdminBrowsing(mvc, api);
        MockHttpSession admin = browsing.as(Role.ADMIN);
        api.asAdmin()
                .put("/api/v1/settings/mail", Api.json(settings(List.of("Granted"))))
                .expect(200);

        MockHttpServletResponse unversioned = send(browsing, admin, "", "Typed");

        assertThat(unversioned.getRedirectedUrl()).isNull();
        assertThat(unversioned.getStatus()).isEqualTo(400);
        assertThat(unversioned.getContentAsString())
                .contains("Nothing was saved: this form does not say which version of the mail settings it was"
                        + " opened at")
                .contains("value=\"Typed\"");
        assertThat(keywords()).containsExactly("Granted");
    }

    private static MockHttpServletResponse send(
            AdminBrowsing browsing, MockHttpSession admin, String version, String keywords) {
        return browsing.post(
                admin,
                "/admin/mail",
                "version",
                version,
                "smtpHost",
                "smtp.example.com",
                "smtpPort",
                "587",
                "smtpSecurity",
                "STARTTLS",
                "smtpFrom",
                "countersign@example.com",
                "approveKeywords",
                keywords,
                "instanceName",
                MailTest.INSTANCE_NAME);
    }

    private List<String> keywords() {
        return api.asAdmin()
                .get("/api/v1/settings/mail")
                .expect(200)
                .json()
                .get("approveKeywords")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
    }

    private static Map<String, Object> settings(List<String> keywords) {
        Map<String, Object> smtp = new LinkedHashMap<>();
        smtp.put("host", "smtp.example.com");
        smtp.put("port", 587);
        smtp.put("security", "STARTTLS");
        smtp.put("from", "countersign@example.com");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("smtp", smtp);
        body.put("approveByMail", false);
        body.put("approveKeywords", keywords);
        body.put("instanceName", MailTest.INSTANCE_NAME);
        return body;
    }

    private static String version(AdminBrowsing browsing, MockHttpSession admin) throws Exception {
        Matcher version = VERSION.matcher(browsing.get(admin, "/admin/mail").getContentAsString());
        assertThat(version.find()).as("a version on the mail settings page").isTrue();
        return HtmlUtils.htmlUnescape(version.group(1));
    }
}
