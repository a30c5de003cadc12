package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.CountersignTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The user edit form shows whether the user is active but never changes it: deactivating asks first
 * on its own page, and a form that still sends a changed state (one drawn before the form stopped
 * offering it) is refused with nothing saved.
 */
@CountersignTest
class UserActiveStateTests extends AdminPagesTestBase {

    @Test
    void theEditFormShowsTheStateWithTheWayToTheDeactivationPageInsteadOfACheckbox() throws Exception {
        String name = people.user("member");

        String page = browsing.get(admin, "/admin/users/" + name).getContentAsString();

        assertThat(page)
                .doesNotContain("type=\"checkbox\"")
                .contains("Active: yes")
                .contains("href=\"/admin/users/" + name + "/deactivate\"");
    }

    @Test
    void anOldFormWithActiveUntickedIsRefusedPointingToTheDeactivationPageAndChangesNothing() throws Exception {
        String name = people.user("member");

        // the old form's unticked box sent no "active" at all
        MockHttpServletResponse refused = browsing.edit(
                admin, "/admin/users/" + name, "email", "changed-" + name + "@example.com", "role", "USER");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("Nothing was saved")
                .contains("id=\"active-error\"")
                .contains("href=\"/admin/users/" + name + "/deactivate\"");
        var user = api.asAdmin().get("/api/v1/users/" + name).expect(200).json();
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.get("email").asString()).isEqualTo(name + "@example.com");
    }

    @Test
    void savingTheEditFormKeepsTheUserActive() throws Exception {
        String name = people.user("member");

        MockHttpServletResponse saved = browsing.edit(
                admin,
                "/admin/users/" + name,
                "email",
                "changed-" + name + "@example.com",
                "role",
                "USER",
                "active",
                "true");

        assertThat(saved.getStatus()).isEqualTo(302);
        var user = api.asAdmin().get("/api/v1/users/" + name).expect(200).json();
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.get("email").asString()).isEqualTo("changed-" + name + "@example.com");
    }

    @Test
    void anInactiveUserIsReactivatedWithItsButtonNotByTheEditForm() throws Exception {
        String name = people.user("leaver");
        browsing.post(admin, "/admin/users/" + name + "/deactivate");

        String page = browsing.get(admin, "/admin/users/" + name).getContentAsString();
        assertThat(page).contains("Active: no", "action=\"/admin/users/" + name + "/reactivate\"");
        MockHttpServletResponse refused = browsing.edit(
                admin, "/admin/users/" + name, "email", name + "@example.com", "role", "USER", "active", "true");
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(active(name)).isFalse();

        MockHttpServletResponse reactivated = browsing.post(admin, "/admin/users/" + name + "/reactivate");

        assertThat(reactivated.getStatus()).isEqualTo(302);
        assertThat(browsing.follow(admin, reactivated)).contains("User " + name + " is reactivated.");
        assertThat(active(name)).isTrue();
    }

    @Test
    void reactivatingAnActiveUserSaysItWasAlreadyActive() throws Exception {
        String name = people.user("stayer");

        MockHttpServletResponse again = browsing.post(admin, "/admin/users/" + name + "/reactivate");

        assertThat(browsing.follow(admin, again))
                .contains("User " + name + " is already active.")
                .doesNotContain("is reactivated");
        assertThat(active(name)).isTrue();
    }

    @Test
    void theDeactivationPageOfAnInactiveUserSaysSoAndOffersNoDeactivation() throws Exception {
        String name = people.user("gone");
        assertThat(browsing.follow(admin, browsing.post(admin, "/admin/users/" + name + "/deactivate")))
                .contains("User " + name + " is deactivated.");

        String page = browsing.follow(admin, browsing.get(admin, "/admin/users/" + name + "/deactivate"));

        assertThat(page)
                .contains("User " + name + " is already inactive.", "action=\"/admin/users/" + name + "/reactivate\"")
                .doesNotContain("Deactivate user " + name + "?", "action=\"/admin/users/" + name + "/deactivate\"");
        // the confirmation sent again from the browser's history says the same
        MockHttpServletResponse again = browsing.post(admin, "/admin/users/" + name + "/deactivate");
        assertThat(browsing.follow(admin, again))
                .contains("User " + name + " is already inactive.")
                .doesNotContain("is deactivated.");
        assertThat(active(name)).isFalse();
    }

    private boolean active(String name) {
        return api.asAdmin()
                .get("/api/v1/users/" + name)
                .expect(200)
                .json()
                .get("active")
                .asBoolean();
    }
}
