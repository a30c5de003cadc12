package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.People;
import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import tools.jackson.databind.JsonNode;

/** The users pages: create with a password, edit, deactivate as the API does, search and page. */
@CountersignTest
class UserAdminPagesTests extends AdminPagesTestBase {

    @Autowired
    AccessSetup setup;

    @Test
    void aRefusedLevelIsMarkedOnItsSelect() throws Exception {
        String name = Api.unique("leveled");

        MockHttpServletResponse refused = browsing.post(
                admin,
                "/admin/users",
                "username",
                name,
                "email",
                name + "@example.com",
                "role",
                "USER",
                "level",
                "nolevel",
                "active",
                "true");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .containsPattern("<select id=\"level\" [^>]*aria-invalid=\"true\" aria-describedby=\"level-error\"")
                .containsPattern("<select id=\"role\" [^>]*aria-invalid=\"false\"")
                .containsPattern("id=\"level-error\">[^<]*is not a configured level");
    }

    @Test
    void anAdministratorCreatesAUserWhoThenSignsInWithTheGivenPassword() throws Exception {
        String name = Api.unique("newcomer");
        String level = people.level("lvl");
        String manager = people.user("boss");

        MockHttpServletResponse created = browsing.post(
                admin,
                "/admin/users",
                "username",
                name,
                "email",
                name + "@example.com",
                "displayName",
                "New Comer",
                "role",
                "AUDITOR",
                "level",
                level,
                "manager",
                manager,
                "active",
                "true",
                "password",
                AdminBrowsing.PASSWORD);

        assertThat(created.getStatus()).isEqualTo(302);
        assertThat(created.getRedirectedUrl()).isEqualTo("/admin/users/" + name);
        JsonNode user = api.asAdmin().get("/api/v1/users/" + name).expect(200).json();
        assertThat(user.get("role").asString()).isEqualTo("AUDITOR");
        assertThat(user.get("level").asString()).isEqualTo(level);
        assertThat(user.get("manager").asString()).isEqualTo(manager);
        assertThat(user.get("displayName").asString()).isEqualTo("New Comer");
        assertThat(user.get("active").asBoolean()).isTrue();
        MockHttpSession signedIn = browsing.signIn(name, AdminBrowsing.PASSWORD);
        assertThat(browsing.get(signedIn, "/profile").getStatus()).isEqualTo(200);
        String page = browsing.get(admin, "/admin/users/" + name).getContentAsString();
        assertThat(page)
                .contains("User " + name, "value=\"New Comer\"", "<label for=\"password\"")
                .doesNotContain(AdminBrowsing.PASSWORD);
    }

    @Test
    void aRefusedFormShowsEachProblemNextToItsFieldKeepsWhatWasTypedAndCreatesNothing() throws Exception {
        String name = Api.unique("refused");

        MockHttpServletResponse refused = browsing.post(
                admin,
                "/admin/users",
                "username",
                name,
                "email",
                "not-an-address",
                "displayName",
                "Typed Name",
                "role",
                "USER",
                "manager",
                "nobody-" + name);

        assertThat(refused.getStatus()).isEqualTo(400);
        String html = refused.getContentAsString();
        assertThat(html)
                .contains("Nothing was saved")
                .contains("<p class=\"field-error\" id=\"email-error\">")
                .contains("<p class=\"field-error\" id=\"manager-error\">")
                .doesNotContain("id=\"username-error\"")
                .contains("value=\"Typed Name\"", "value=\"not-an-address\"");
        api.asAdmin().get("/api/v1/users/" + name).expect(404);

        MockHttpServletResponse shortPassword = browsing.post(
                admin,
                "/admin/users",
                "username",
                name,
                "email",
                name + "@example.com",
                "role",
                "USER",
                "password",
                "short");
        assertThat(shortPassword.getStatus()).isEqualTo(400);
        assertThat(shortPassword.getContentAsString()).contains("id=\"password-error\"");
        api.asAdmin().get("/api/v1/users/" + name).expect(404);
    }

    @Test
    void editingChangesTheUserAndAnEmptyPasswordKeepsTheOldOne() throws Exception {
        String name = browsing.userWithPassword("member", io.countersign.shared.Role.USER);
        String level = people.level("lvl");

        MockHttpServletResponse saved = browsing.edit(
                admin,
                "/admin/users/" + name,
                "email",
                "changed-" + name + "@example.com",
                "displayName",
                "Changed",
                "role",
                "ADMIN",
                "level",
                level,
                "manager",
                "",
                "active",
                "true",
                "password",
                "");

        assertThat(saved.getStatus()).isEqualTo(302);
        JsonNode user = api.asAdmin().get("/api/v1/users/" + name).expect(200).json();
        assertThat(user.get("email").asString()).isEqualTo("changed-" + name + "@example.com");
        assertThat(user.get("role").asString()).isEqualTo("ADMIN");
        assertThat(user.get("level").asString()).isEqualTo(level);
        MockHttpSession signedIn = browsing.signIn(name, AdminBrowsing.PASSWORD);
        assertThat(browsing.get(signedIn, "/admin").getStatus()).isEqualTo(200);

        browsing.edit(
                admin,
                "/admin/users/" + name,
                "email",
                name + "@example.com",
                "role",
                "USER",
                "active",
                "true",
                "password",
                "an entirely new password");
        assertThat(browsing.signIn(name, "an entirely new password")).isNotNull();
    }

    @Test
    void aRefusedEditChangesNothing() throws Exception {
        String name = browsing.userWithPassword("member", io.countersign.shared.Role.USER);

        MockHttpServletResponse refused =
                browsing.edit(admin, "/admin/users/" + name, "email", "broken", "role", "ADMIN", "active", "true");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("id=\"email-error\"");
        JsonNode user = api.asAdmin().get("/api/v1/users/" + name).expect(200).json();
        assertThat(user.get("email").asString()).isEqualTo(name + "@example.com");
        assertThat(user.get("role").asString()).isEqualTo("USER");
    }

    @Test
    void deactivatingFromThePageRevokesTheUsersGrantsLikeTheApi() throws Exception {
        String name = people.user("leaver");
        String resource = Api.unique("db");
        setup.database(resource, "admin");
        setup.openPolicy(resource);
        String grant = api.as(people.tokenFor(name))
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of("resource", resource, "account", "admin", "duration", "PT1H")))
                .expect(201)
                .json()
                .get("grant")
                .get("id")
                .asString();

        MockHttpServletResponse done = browsing.post(admin, "/admin/users/" + name + "/deactivate");

        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(browsing.follow(admin, done)).contains("User " + name + " is deactivated.");
        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + name)
                        .expect(200)
                        .json()
                        .get("active")
                        .asBoolean())
                .isFalse();
        JsonNode revoked =
                api.asAdmin().get("/api/v1/grants/" + grant).expect(200).json();
        assertThat(revoked.get("status").asString()).isEqualTo("REVOKED");
        assertThat(revoked.get("revokeReason").asString()).isEqualTo("user deactivated");
    }

    @Test
    void deactivatingTheLastAdministratorIsRefusedWithAMessage() throws Exception {
        people.onlyTheBootstrapAdministratorIsAnActiveAdmin();

        MockHttpServletResponse refused = browsing.post(admin, "/admin/users/admin/deactivate");

        assertThat(refused.getStatus()).isEqualTo(302);
        assertThat(browsing.follow(admin, refused)).contains("Nothing was changed", "last active administrator");
        assertThat(api.asAdmin()
                        .get("/api/v1/users/admin")
                        .expect(200)
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void demotingTheLastAdministratorIsMarkedOnTheRoleSelect() throws Exception {
        people.onlyTheBootstrapAdministratorIsAnActiveAdmin();

        MockHttpServletResponse refused = browsing.edit(
                admin, "/admin/users/admin", "email", "admin@example.com", "role", "AUDITOR", "active", "true");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .containsPattern("<select id=\"role\" [^>]*aria-invalid=\"true\" aria-describedby=\"role-error\"")
                .containsPattern("id=\"role-error\">[^<]*would leave no active administrator");
        assertThat(api.asAdmin()
                        .get("/api/v1/users/admin")
                        .expect(200)
                        .json()
                        .get("role")
                        .asString())
                .isEqualTo("ADMIN");
    }

    @Test
    void theListFindsUsersByPrefixAndPagesOn() throws Exception {
        String prefix = Api.unique("page") + "-";
        for (int i = 0; i < UserAdminPages.PAGE_SIZE + 2; i++) {
            api.asAdmin()
                    .post(
                            "/api/v1/users",
                            Api.json(People.body(prefix + String.format("%02d", i), io.countersign.shared.Role.USER)))
                    .expect(201);
        }

        String first = browsing.get(admin, "/admin/users?q=" + prefix).getContentAsString();

        assertThat(first).contains(prefix + "00", prefix + "24").doesNotContain(prefix + "25");
        assertThat(first).doesNotContain("First page");
        String next = first.substring(first.indexOf("cursor="), first.indexOf("\" rel=\"next\">Next page"))
                .substring("cursor=".length());
        String second = browsing.get(admin, "/admin/users?q=" + prefix + "&cursor=" + next)
                .getContentAsString();
        assertThat(second).contains(prefix + "25", prefix + "26").doesNotContain(prefix + "24", "Next page");
        assertThat(second).contains("<a href=\"/admin/users?q=" + prefix + "\">First page</a>");
        assertThat(browsing.get(admin, "/admin/users/nobody-" + prefix).getStatus())
                .isEqualTo(404);
    }

    @Test
    void aCursorTheListDidNotGiveIsNamedAboveItAsABadRequest() throws Exception {
        var refused = browsing.get(admin, "/admin/users?q=ad&cursor=garbage");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("cursor: is not a cursor this service returned")
                .contains("id=\"q\" name=\"q\" value=\"ad\"")
                .contains("First page");
    }
}
