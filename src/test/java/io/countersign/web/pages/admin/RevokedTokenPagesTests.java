package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Role;
import io.countersign.testing.CountersignTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/**
 * A token's revoke page opened again after it was revoked (a second click, the browser's back button)
 * says it is already revoked, when and by whom, offering nothing to press; a token the owner never had,
 * or another user's, stays the not-found page.
 */
@CountersignTest
class RevokedTokenPagesTests extends AdminPagesTestBase {

    @Test
    void ownTokenRevokePageOpenedAgainSaysItIsAlreadyRevokedAndByWhom() throws Exception {
        String user = browsing.userWithPassword("holder", Role.USER);
        String id = browsing.issuedToken(user, "laptop").get("id").asString();
        MockHttpSession session = browsing.signIn(user, AdminBrowsing.PASSWORD);
        browsing.post(session, "/profile/tokens/" + id + "/revoke");

        MockHttpServletResponse again = browsing.get(session, "/profile/tokens/" + id + "/revoke");

        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(again.getContentAsString())
                .contains("Your token laptop is already revoked.")
                .contains("by " + user)
                .contains("<time")
                .doesNotContain("action=\"/profile/tokens/" + id + "/revoke\"");
    }

    @Test
    void anotherUsersRevokedTokenStaysNotFoundOnTheProfile() throws Exception {
        String user = browsing.userWithPassword("holder", Role.USER);
        String other = browsing.userWithPassword("other", Role.USER);
        String othersId = browsing.issuedToken(other, "desktop").get("id").asString();
        api.asAdmin().delete("/api/v1/users/" + other + "/tokens/" + othersId).expect(204);
        MockHttpSession session = browsing.signIn(user, AdminBrowsing.PASSWORD);

        MockHttpServletResponse others = browsing.get(session, "/profile/tokens/" + othersId + "/revoke");

        assertThat(others.getStatus()).isEqualTo(404);
        assertThat(others.getContentAsString()).doesNotContain("desktop", "already revoked");
    }

    @Test
    void administratorsRevokePageOpenedAgainSaysItIsAlreadyRevoked() throws Exception {
        String user = browsing.userWithPassword("dev", Role.USER);
        String id = browsing.issuedToken(user, "ci").get("id").asString();
        String revoke = "/admin/tokens/" + user + "/" + id + "/revoke";
        browsing.post(admin, revoke);

        MockHttpServletResponse again = browsing.get(admin, revoke);

        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(again.getContentAsString())
                .contains("Token ci of " + user + " is already revoked.")
                .contains("by admin")
                .doesNotContain("action=\"" + revoke + "\"");
        assertThat(browsing.get(admin, "/admin/tokens/" + people.user("other") + "/" + id + "/revoke")
                        .getStatus())
                .isEqualTo(404);
    }
}
