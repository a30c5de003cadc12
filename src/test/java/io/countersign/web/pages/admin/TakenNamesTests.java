package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * A user or a group whose name is taken is refused at the name field, as any other refusal of that
 * field is: the field marked invalid and naming its message, the form keeping what was typed except a
 * password, and nothing saved.
 */
@CountersignTest
class TakenNamesTests extends AdminPagesTestBase {

    @Test
    void aUsernameTakenIsNamedAtTheUsernameField() throws Exception {
        String taken = api.person("dev", "USER", "a long enough password");

        MockHttpServletResponse refused = browsing.submit(
                admin,
                "/admin/users",
                "username",
                taken,
                "email",
                "other@example.com",
                "displayName",
                "Somebody Else",
                "role",
                "USER",
                "password",
                "a secret never shown again");

        String page = refused.getContentAsString();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(control(page, "username"))
                .contains("aria-invalid=\"true\"", "aria-describedby=\"username-error\"", "value=\"" + taken + "\"");
        assertThat(message(page, "username")).contains("already exists");
        assertThat(control(page, "displayName")).contains("value=\"Somebody Else\"");
        assertThat(control(page, "email")).contains("value=\"other@example.com\"");
        assertThat(page).doesNotContain("a secret never shown again");
    }

    @Test
    void aGroupNameTakenIsNamedAtTheNameField() throws Exception {
        String taken = Api.unique("team");
        browsing.post(admin, "/admin/groups", "name", taken);
        String member = api.person("dev", "USER", "a long enough password");

        MockHttpServletResponse refused = browsing.submit(admin, "/admin/groups", "name", taken, "members", member);

        String page = refused.getContentAsString();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(control(page, "name"))
                .contains("aria-invalid=\"true\"", "aria-describedby=\"name-error\"", "value=\"" + taken + "\"");
        assertThat(message(page, "name")).contains("already exists");
        assertThat(page).contains(">" + member + "</textarea>");
    }

    @Test
    void aResourceNameTakenIsNamedAtTheNameField() throws Exception {
        String taken = Api.unique("db");
        browsing.post(admin, "/admin/resources", "name", taken, "type", "database", "accounts", "admin");

        MockHttpServletResponse refused = browsing.submit(
                admin, "/admin/resources", "name", taken, "type", "database", "accounts", "root, readonly");

        String page = refused.getContentAsString();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(control(page, "name"))
                .contains("aria-invalid=\"true\"", "aria-describedby=\"name-error\"", "value=\"" + taken + "\"");
        assertThat(message(page, "name")).contains("already exists");
        assertThat(page).contains("root, readonly");
        assertTakenInTheApi(
                "/api/v1/resources",
                Api.json(Map.of("name", taken, "type", "database", "accounts", List.of("admin"))),
                "name");
    }

    @Test
    void aChatChannelNameTakenIsNamedAtTheNameField() throws Exception {
        String taken = Api.unique("tg");
        String[] telegram = {
            "type",
            "TELEGRAM",
            "botToken",
            "1:bot-token",
            "webhookSecret",
            "hook_secret-of-sixteen",
            "chatId",
            "-100200"
        };
        browsing.post(admin, "/admin/channels", withName(taken, telegram));

        MockHttpServletResponse refused = browsing.submit(admin, "/admin/channels", withName(taken, telegram));

        String page = refused.getContentAsString();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(control(page, "name"))
                .contains("aria-invalid=\"true\"", "aria-describedby=\"name-error\"", "value=\"" + taken + "\"");
        assertThat(message(page, "name")).contains("already exists");
        assertThat(page).doesNotContain("1:bot-token", "hook_secret-of-sixteen");
    }

    @Test
    void aPolicyNameTakenIsNamedAtTheNameField() throws Exception {
        String taken = Api.unique("policy");
        String[] draft = {"action", "save", "priority", "0", "resourceName", "prod-*"};
        browsing.post(admin, "/admin/policies/new", withName(taken, draft));

        MockHttpServletResponse refused = browsing.submit(admin, "/admin/policies/new", withName(taken, draft));

        String page = refused.getContentAsString();
        assertThat(refused.getStatus()).isEqualTo(400);
        Matcher name = Pattern.compile("<input\\b[^>]*\\bid=\"name\"[^>]*>").matcher(page);
        assertThat(name.find()).isTrue();
        assertThat(name.group()).contains("aria-invalid=\"true\"", "aria-describedby=\"error-name\"");
        assertThat(page).containsPattern("<p class=\"field-error\" id=\"error-name\"\\s+data-code=\"taken\"");
        assertTakenInTheApi(
                "/api/v1/policies",
                Api.json(Map.of("name", taken, "conditions", Map.of("resourceName", "prod-*"), "steps", List.of())),
                "name");
    }

    private void assertTakenInTheApi(String path, String body, String field) {
        JsonNode problem = api.asAdmin().post(path, body).expect(409).json();
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("taken");
    }

    private static String[] withName(String name, String... fields) {
        String[] all = new String[fields.length + 2];
        all[0] = "name";
        all[1] = name;
        System.arraycopy(fields, 0, all, 2, fields.length);
        return all;
    }

    private static String control(String page, String id) {
        Matcher found =
                Pattern.compile("<input\\b[^>]*\\bid=\"" + id + "\"[^>]*>").matcher(page);
        assertThat(found.find()).as("an input with id %s", id).isTrue();
        return found.group();
    }

    private static String message(String page, String id) {
        Matcher found = Pattern.compile("<p[^>]*\\bid=\"" + id + "-error\"[^>]*>([^<]*)</p>")
                .matcher(page);
        return found.find() ? found.group(1) : null;
    }
}
