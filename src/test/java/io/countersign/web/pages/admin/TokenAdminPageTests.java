package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import tools.jackson.databind.JsonNode;

/** Every user's API tokens on one page, without their secrets, and revoking any of them at once. */
@CountersignTest
class TokenAdminPageTests extends AdminPagesTestBase {

    @Test
    void anAdministratorSeesEveryUsersTokensButNeverASecret() throws Exception {
        String dev = people.user("dev");
        String ops = people.user("ops");
        JsonNode devToken = browsing.issuedToken(dev, "dev-laptop");
        JsonNode opsToken = browsing.issuedToken(ops, "ops-ci");

        String page = browsing.get(admin, "/admin/tokens").getContentAsString();

        assertThat(page)
                .contains("dev-laptop", "ops-ci", ">" + dev + "</a>", ">" + ops + "</a>", "never")
                .doesNotContain(
                        devToken.get("token").asString(), opsToken.get("token").asString(), Api.ADMIN_TOKEN);
    }

    @Test
    void revokingAnotherUsersTokenStopsItAtOnce() throws Exception {
        String dev = people.user("dev");
        JsonNode token = browsing.issuedToken(dev, "doomed");
        String secret = token.get("token").asString();
        api.as(secret).get("/api/v1/users/" + dev).expect(200);

        MockHttpServletResponse revoked = browsing.post(
                admin, "/admin/tokens/" + dev + "/" + token.get("id").asString() + "/revoke");

        assertThat(browsing.follow(admin, revoked))
                .contains("The token is revoked.")
                .doesNotContain("doomed");
        api.as(secret).get("/api/v1/users/" + dev).expect(401);
        assertThat(browsing.post(admin, "/admin/tokens/" + dev + "/tok-unknown/revoke")
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void revokingATokenAgainSaysItIsAlreadyRevokedAndAnUnknownOneStaysNotFound() throws Exception {
        String dev = people.user("dev");
        String id = browsing.issuedToken(dev, "twice").get("id").asString();
        String revoke = "/admin/tokens/" + dev + "/" + id + "/revoke";
        browsing.follow(admin, browsing.post(admin, revoke));

        MockHttpServletResponse again = browsing.post(admin, revoke);

        assertThat(again.getStatus()).isEqualTo(302);
        assertThat(browsing.follow(admin, again))
                .contains("Token " + id + " of " + dev + " is already revoked")
                .doesNotContain("The token is revoked.");
        assertThat(browsing.post(admin, "/admin/tokens/" + people.user("ops") + "/" + id + "/revoke")
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void aPersonRevokingTheirOwnTokenAgainIsToldSoButAnotherUsersTokenIsNotFound() throws Exception {
        String owner = browsing.userWithPassword("holder", Role.USER);
        MockHttpSession holder = browsing.signIn(owner, AdminBrowsing.PASSWORD);
        String id = browsing.issuedToken(owner, "mine").get("id").asString();
        String revoke = "/profile/tokens/" + id + "/revoke";
        browsing.follow(holder, browsing.post(holder, revoke));

        MockHttpServletResponse again = browsing.post(holder, revoke);

        assertThat(browsing.follow(holder, again)).contains("Token " + id + " of " + owner + " is already revoked");
        String dev = people.user("dev");
        String revokedElsewhere = browsing.issuedToken(dev, "theirs").get("id").asString();
        browsing.post(admin, "/admin/tokens/" + dev + "/" + revokedElsewhere + "/revoke");
        assertThat(browsing.post(holder, "/profile/tokens/" + revokedElsewhere + "/revoke")
                        .getStatus())
                .isEqualTo(404);
    }
}
