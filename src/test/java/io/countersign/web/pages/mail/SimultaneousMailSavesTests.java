package io.countersign.web.pages.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.MailTest;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.HeldSaves;
import io.countersign.web.pages.admin.AdminBrowsing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The mail settings page saved while another save of the settings is being written, as when two
 * administrators press Save at the same moment on forms opened at the same version: the page waits for
 * the other save and, the settings having changed since it was opened, saves nothing and says so,
 * rather than writing over the other administrator's change.
 * Runs on H2 here and on PostgreSQL in {@link SimultaneousMailSavesOnPostgresTests}.
 */
@MailTest
class SimultaneousMailSavesTests {

    @RegisterExtension
    final HeldSaves saves = new HeldSaves();

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFormSavedWhileAnotherSaveIsWrittenSavesNothing() throws Exception {
        AdminBrowsing browsing = new AdminBrowsing(mvc, api);
        MockHttpSession admin = browsing.as(Role.ADMIN);
        api.asAdmin().put("/api/v1/settings/mail", Api.json(settings())).expect(200);
        String opened = browsing.version(admin, "/admin/mail");

        MockHttpServletResponse answer = saves.firstThenSecond(
                // another administrator's save, holding the settings' row as a save does until it commits
                () -> jdbc.sql("update mail_settings set approve_keywords = 'Elsewhere' where id = 1")
                        .update(),
                () -> browsing.post(
                        admin,
                        "/admin/mail",
                        "version",
                        opened,
                        "smtpHost",
                        "smtp.example.com",
                        "smtpPort",
                        "587",
                        "smtpSecurity",
                        "STARTTLS",
                        "smtpFrom",
                        "countersign@example.com",
                        "approveKeywords",
                        "Typed",
                        "instanceName",
                        MailTest.INSTANCE_NAME));

        assertThat(answer.getStatus()).isEqualTo(409);
        assertThat(answer.getContentAsString())
                .contains("Nothing was saved: someone else changed the mail settings after this form was opened")
                .contains("value=\"Typed\"");
        assertThat(api.asAdmin()
                        .get("/api/v1/settings/mail")
                        .expect(200)
                        .json()
                        .get("approveKeywords")
                        .valueStream()
                        .map(JsonNode::asString))
                .containsExactly("Elsewhere");
    }

    private static Map<String, Object> settings() {
        Map<String, Object> smtp = new LinkedHashMap<>();
        smtp.put("host", "smtp.example.com");
        smtp.put("port", 587);
        smtp.put("security", "STARTTLS");
        smtp.put("from", "countersign@example.com");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("smtp", smtp);
        body.put("approveByMail", false);
        body.put("approveKeywords", List.of("Granted"));
        body.put("instanceName", MailTest.INSTANCE_NAME);
        return body;
    }
}
