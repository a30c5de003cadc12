package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.chat.FakePlatform;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Markup typed into names and descriptions comes back as text on every administration page: in
 * lists, in forms shown again after a refusal, in search boxes and in messages.
 */
@CountersignTest
class AdminPagesEscapingTests extends AdminPagesTestBase {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String BREAKOUT = "\"><img src=x onerror=alert(1)>";
    static final String HOSTILE = SCRIPT + BREAKOUT;

    @Test
    void aUsersDisplayNameIsTextInTheListAndTheForm() throws Exception {
        String name = Api.unique("hostile");
        MockHttpServletResponse created = browsing.post(
                admin,
                "/admin/users",
                "username",
                name,
                "email",
                name + "@example.com",
                "displayName",
                HOSTILE,
                "role",
                "USER",
                "active",
                "true");
        assertThat(created.getStatus()).isEqualTo(302);

        assertEscaped(browsing.get(admin, "/admin/users?q=" + name));
        assertEscaped(browsing.get(admin, "/admin/users/" + name));
        assertEscaped(browsing.get(admin, "/admin/users?q=" + HOSTILE));
        assertEscaped(browsing.post(admin, "/admin/users", "username", HOSTILE, "displayName", HOSTILE));
        assertEscaped(browsing.edit(admin, "/admin/users/" + name, "email", HOSTILE, "displayName", HOSTILE));
    }

    @Test
    void groupAndLevelNamesAreTextWhenTheFormIsShownAgain() throws Exception {
        assertEscaped(browsing.post(admin, "/admin/groups", "name", HOSTILE, "members", HOSTILE));
        String group = Api.unique("team");
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", group))).expect(201);
        assertEscaped(browsing.edit(admin, "/admin/groups/" + group, "managers", HOSTILE));
        assertEscaped(browsing.edit(admin, "/admin/levels", "levels", HOSTILE));
        assertThat(browsing.get(admin, "/admin/groups").getContentAsString()).doesNotContain(SCRIPT);
    }

    @Test
    void resourceLabelsAreTextInTheListAndTheForm() throws Exception {
        String name = Api.unique("db");
        MockHttpServletResponse created = browsing.post(
                admin,
                "/admin/resources",
                "name",
                name,
                "type",
                "database",
                "accounts",
                "root",
                "labels",
                "note=" + HOSTILE);
        assertThat(created.getStatus()).isEqualTo(302);

        assertEscaped(browsing.get(admin, "/admin/resources"));
        assertEscaped(browsing.get(admin, "/admin/resources/" + name));
        assertEscaped(browsing.post(admin, "/admin/resources", "name", HOSTILE, "accounts", HOSTILE));
    }

    @Test
    void webhookAddressesAndTokenNamesAreText() throws Exception {
        assertEscaped(
                browsing.post(admin, "/admin/webhooks", "url", HOSTILE, "events", HOSTILE, "secret", "s".repeat(20)));
        String id = api.asAdmin()
                .post(
                        "/api/v1/webhooks",
                        Api.json(Map.of(
                                "url", "https://hooks.example.com/" + Api.unique("x"),
                                "events", List.of("request.created"),
                                "secret", "s".repeat(20))))
                .expect(201)
                .json()
                .get("id")
                .asString();
        assertThat(browsing.get(admin, "/admin/webhooks/" + id + "/deliveries").getStatus())
                .isEqualTo(200);

        String owner = people.user("holder");
        api.asAdmin()
                .post("/api/v1/users/" + owner + "/tokens", Api.json(Map.of("name", HOSTILE)))
                .expect(201);
        assertEscaped(browsing.get(admin, "/admin/tokens"));
    }

    @Test
    void chatChannelFieldsAndThePlatformsAnswerToATestAreText() throws Exception {
        assertEscaped(browsing.post(
                admin,
                "/admin/channels",
                "name",
                HOSTILE,
                "type",
                "TELEGRAM",
                "chatId",
                HOSTILE,
                "apiBaseUrl",
                HOSTILE));
        try (FakePlatform slack = new FakePlatform()) {
            slack.answer("/chat.postMessage", 200, Api.json(Map.of("ok", false, "error", HOSTILE)));
            String name = Api.unique("slack");
            api.asAdmin()
                    .post(
                            "/api/v1/channels",
                            Api.json(Map.of(
                                    "name",
                                    name,
                                    "type",
                                    "SLACK",
                                    "botToken",
                                    "xoxb-1",
                                    "signingSecret",
                                    "slack-signing-secret",
                                    "channel",
                                    HOSTILE,
                                    "apiBaseUrl",
                                    slack.url())))
                    .expect(201);
            assertEscaped(browsing.get(admin, "/admin/channels"));
            assertEscaped(browsing.get(admin, "/admin/channels/" + name));
            MockHttpServletResponse tested = browsing.post(admin, "/admin/channels/" + name + "/test");
            assertEscaped(browsing.get(admin, tested.getRedirectedUrl()));
        }
    }

    private static void assertEscaped(MockHttpServletResponse response) throws Exception {
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain(SCRIPT, "<img src=x", BREAKOUT);
    }
}
