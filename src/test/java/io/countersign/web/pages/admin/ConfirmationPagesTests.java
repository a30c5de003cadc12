package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/**
 * Deleting a resource, group, webhook or chat channel, deactivating a user and revoking a token (an
 * administrator's or one's own) ask first, as
 * deleting a policy does: the page that offers it links to a page that asks, opening which changes
 * nothing, and whose button posts the change with the form's CSRF token.
 */
@CountersignTest
class ConfirmationPagesTests extends AdminPagesTestBase {

    private void asksFirst(String offeredOn, String confirm, String question, String button) throws Exception {
        asksFirst(admin, offeredOn, confirm, question, button);
    }

    private void asksFirst(MockHttpSession session, String offeredOn, String confirm, String question, String button)
            throws Exception {
        String offering = browsing.get(session, offeredOn).getContentAsString();
        assertThat(offering).contains("href=\"" + confirm + "\"").doesNotContain("action=\"" + confirm + "\"");

        MockHttpServletResponse asking = browsing.get(session, confirm);

        assertThat(asking.getStatus()).isEqualTo(200);
        assertThat(asking.getContentAsString())
                .contains(question)
                .contains("action=\"" + confirm + "\"")
                .contains("name=\"_csrf\"")
                .contains(button)
                .contains("Keep it");
    }

    @Test
    void deletingAResourceAsksFirstAndAskingDeletesNothing() throws Exception {
        String name = api.resource("prod-db");

        asksFirst(
                "/admin/resources",
                "/admin/resources/" + name + "/delete",
                "Delete resource " + name + "?",
                "Delete the resource");

        api.asAdmin().get("/api/v1/resources/" + name).expect(200);
        assertThat(browsing.get(admin, "/admin/resources/no-such-resource/delete")
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void deletingAGroupAsksFirst() throws Exception {
        String name = Api.unique("dbas");
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", name))).expect(201);

        asksFirst(
                "/admin/groups", "/admin/groups/" + name + "/delete", "Delete group " + name + "?", "Delete the group");

        api.asAdmin().get("/api/v1/groups/" + name).expect(200);
    }

    @Test
    void deactivatingAUserAsksFirst() throws Exception {
        String user = people.user("leaver");

        asksFirst(
                "/admin/users/" + user,
                "/admin/users/" + user + "/deactivate",
                "Deactivate user " + user + "?",
                "Deactivate the user");

        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + user)
                        .expect(200)
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void deletingAWebhookAsksFirst() throws Exception {
        MockHttpServletResponse created = browsing.post(
                admin,
                "/admin/webhooks",
                "url",
                "https://hooks.example.com/" + Api.unique("in"),
                "events",
                "request.created",
                "secret",
                "a signing secret long enough");
        String id = created.getRedirectedUrl().split("/")[3];

        asksFirst(
                "/admin/webhooks",
                "/admin/webhooks/" + id + "/delete",
                "Delete webhook " + id + "?",
                "Delete the webhook");

        api.asAdmin().get("/api/v1/webhooks/" + id).expect(200);
        assertThat(browsing.get(admin, "/admin/webhooks/wh-nope/delete").getStatus())
                .isEqualTo(404);
    }

    @Test
    void revokingATokenAsksFirst() throws Exception {
        String user = people.user("holder");
        String secret = api.asAdmin()
                .post("/api/v1/users/" + user + "/tokens", Api.json(Map.of("name", "laptop")))
                .expect(201)
                .json()
                .get("token")
                .asString();
        String id = api.asAdmin()
                .get("/api/v1/users/" + user + "/tokens")
                .expect(200)
                .json()
                .get(0)
                .get("id")
                .asString();

        asksFirst(
                "/admin/tokens",
                "/admin/tokens/" + user + "/" + id + "/revoke",
                "Revoke token " + id + " of " + user + "?",
                "Revoke the token");

        api.as(secret).get("/api/v1/users/" + user).expect(200);
        for (String unknown : List.of(
                "/admin/tokens/nobody/" + id + "/revoke",
                "/admin/tokens/" + user + "/tok-bad/revoke",
                "/admin/tokens/" + people.user("other") + "/" + id + "/revoke")) {
            assertThat(browsing.get(admin, unknown).getStatus()).as(unknown).isEqualTo(404);
        }
    }

    @Test
    void deletingAChatChannelAsksFirst() throws Exception {
        String name = Api.unique("oncall-tg");
        api.asAdmin()
                .post(
                        "/api/v1/channels",
                        Api.json(Map.of(
                                "name",
                                name,
                                "type",
                                "TELEGRAM",
                                "botToken",
                                "123456:ABC-DEF1234ghIkl",
                                "chatId",
                                "-1001234567890",
                                "webhookSecret",
                                "a-long-random-string")))
                .expect(201);

        asksFirst(
                "/admin/channels",
                "/admin/channels/" + name + "/delete",
                "Delete channel " + name + "?",
                "Delete the channel");

        api.asAdmin().get("/api/v1/channels/" + name).expect(200);
        assertThat(browsing.get(admin, "/admin/channels/no-such-channel/delete").getStatus())
                .isEqualTo(404);
        MockHttpServletResponse deleted = browsing.post(admin, "/admin/channels/" + name + "/delete");
        assertThat(browsing.follow(admin, deleted)).contains("Channel " + name + " is deleted.");
        api.asAdmin().get("/api/v1/channels/" + name).expect(404);
    }

    @Test
    void revokingOnesOwnTokenAsksFirstAndNobodyElsesTokenIsAskedAbout() throws Exception {
        String user = browsing.userWithPassword("holder", Role.USER);
        String other = people.user("other");
        String secret = browsing.issuedToken(user, "laptop").get("token").asString();
        String othersSecret =
                browsing.issuedToken(other, "desktop").get("token").asString();
        String id = firstTokenId(user);
        String othersId = firstTokenId(other);
        MockHttpSession session = browsing.signIn(user, AdminBrowsing.PASSWORD);

        asksFirst(
                session,
                "/profile",
                "/profile/tokens/" + id + "/revoke",
                "Revoke your token laptop?",
                "Revoke the token");

        api.as(secret).get("/api/v1/users/" + user).expect(200);
        MockHttpServletResponse others = browsing.get(session, "/profile/tokens/" + othersId + "/revoke");
        assertThat(others.getStatus()).isEqualTo(404);
        assertThat(others.getContentAsString()).doesNotContain("desktop", other);
        MockHttpServletResponse revoked = browsing.post(session, "/profile/tokens/" + id + "/revoke");
        assertThat(browsing.follow(session, revoked)).contains("The token is revoked.");
        api.as(secret).get("/api/v1/users/" + user).expect(401);
        api.as(othersSecret).get("/api/v1/users/" + other).expect(200);
    }

    private String firstTokenId(String user) {
        return api.asAdmin()
                .get("/api/v1/users/" + user + "/tokens")
                .expect(200)
                .json()
                .get(0)
                .get("id")
                .asString();
    }
}
