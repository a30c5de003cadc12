package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Only an ADMIN opens an administration page or sends one of its forms: everyone else signed in gets
 * the 403 page and changes nothing, nobody signed in is sent to sign in, and a form without the
 * session's CSRF token is refused even from an administrator.
 */
@CountersignTest
class AdminPageAccessTests {

    static final List<String> PAGES = List.of(
            "/admin",
            "/admin/users",
            "/admin/users/new",
            "/admin/users/admin",
            "/admin/groups",
            "/admin/groups/new",
            "/admin/levels",
            "/admin/resources",
            "/admin/resources/new",
            "/admin/webhooks",
            "/admin/webhooks/new",
            "/admin/channels",
            "/admin/channels/new",
            "/admin/tokens");

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    AdminBrowsing browsing;

    @BeforeEach
    void browsing() {
        browsing = new AdminBrowsing(mvc, api);
    }

    @Test
    void anAdministratorOpensEveryPageAndSeesTheAdministrationLink() {
        MockHttpSession admin = browsing.admin();
        for (String page : PAGES) {
            MockHttpServletResponse shown = browsing.get(admin, page);
            assertThat(shown.getStatus()).as(page).isEqualTo(200);
            assertThat(html(shown)).as(page).contains(">Administration</a>", "<main>");
        }
        assertThat(html(browsing.get(admin, "/profile"))).contains("href=\"/admin\"");
    }

    @Test
    void theAdministrationPageLeadsToEveryAdministrationPage() {
        String index = html(browsing.get(browsing.admin(), "/admin"));

        for (String page : List.of(
                "/admin/users",
                "/admin/groups",
                "/admin/levels",
                "/admin/resources",
                "/admin/policies",
                "/admin/channels",
                "/admin/mail",
                "/admin/webhooks",
                "/admin/tokens")) {
            assertThat(index).as(page).contains("href=\"" + page + "\"");
        }
    }

    @Test
    void everyoneElseGetsTheForbiddenPageAndNoAdministrationLink() {
        for (Role role : List.of(Role.USER, Role.AUDITOR, Role.ENFORCER)) {
            MockHttpSession session = browsing.as(role);
            for (String page : PAGES) {
                MockHttpServletResponse refused = browsing.get(session, page);
                assertForbidden(refused, role + " " + page);
            }
            assertThat(html(browsing.get(session, "/profile"))).doesNotContain("href=\"/admin\"");
        }
    }

    @Test
    void aUserWhoPostsAnAdministrationFormIsRefusedAndNothingChanges() {
        MockHttpSession user = browsing.as(Role.USER);
        String name = Api.unique("grp");

        MockHttpServletResponse group = browsing.post(user, "/admin/groups", "name", name);
        MockHttpServletResponse deactivate = browsing.post(user, "/admin/users/admin/deactivate");
        MockHttpServletResponse levels = browsing.post(user, "/admin/levels", "levels", "only");

        assertForbidden(group, "group");
        assertForbidden(deactivate, "deactivate");
        assertForbidden(levels, "levels");
        api.asAdmin().get("/api/v1/groups/" + name).expect(404);
        assertThat(api.asAdmin()
                        .get("/api/v1/users/admin")
                        .expect(200)
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
        assertThat(api.asAdmin().get("/api/v1/levels").expect(200).body()).isNotEqualTo("[\"only\"]");
    }

    @Test
    void nobodySignedInIsSentToSignIn() {
        MockHttpServletResponse page = browsing.get(null, "/admin/users");

        assertThat(page.getStatus()).isEqualTo(302);
        assertThat(page.getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void aFormWithAForgedCsrfTokenIsRefusedEvenFromAnAdministrator() {
        MockHttpSession admin = browsing.admin();
        String user = Api.unique("forged");
        String group = Api.unique("forged");
        String resource = Api.unique("forged");
        String[][] forms = {
            {"/admin/users", "username", user, "email", user + "@example.com", "role", "USER", "active", "true"},
            {"/admin/users/admin", "email", "admin@example.com", "role", "USER", "active", "true"},
            {"/admin/users/admin/deactivate"},
            {"/admin/groups", "name", group},
            {"/admin/levels", "levels", "forged"},
            {"/admin/resources", "name", resource, "type", "database", "accounts", "root"},
            {
                "/admin/webhooks",
                "url",
                "https://hooks.example.com/x",
                "events",
                "request.created",
                "secret",
                "s".repeat(20)
            },
            {"/admin/tokens/admin/tok-x/revoke"},
        };
        for (String[] form : forms) {
            String[] fields = java.util.Arrays.copyOfRange(form, 1, form.length);
            MockHttpServletResponse refused = browsing.forged(admin, form[0], fields);
            assertForbidden(refused, form[0]);
        }
        api.asAdmin().get("/api/v1/users/" + user).expect(404);
        api.asAdmin().get("/api/v1/groups/" + group).expect(404);
        api.asAdmin().get("/api/v1/resources/" + resource).expect(404);
        Map<?, ?> admin0 = Api.JSON_READER.convertValue(
                api.asAdmin().get("/api/v1/users/admin").expect(200).json(), Map.class);
        assertThat(admin0.get("role")).isEqualTo("ADMIN");
        assertThat(admin0.get("active")).isEqualTo(true);
        assertThat(api.asAdmin().get("/api/v1/levels").expect(200).body()).doesNotContain("forged");
        assertThat(api.asAdmin().get("/api/v1/webhooks").expect(200).body()).doesNotContain("hooks.example.com/x");
    }

    /** MockMvc does not follow the forward to the 403 page; the browser tests read the page itself. */
    static void assertForbidden(MockHttpServletResponse refused, String what) {
        assertThat(refused.getStatus()).as(what).isEqualTo(403);
        assertThat(refused.getForwardedUrl()).as(what).isEqualTo("/forbidden");
    }

    private static String html(MockHttpServletResponse response) {
        try {
            return response.getContentAsString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
