package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.People;
import io.countersign.shared.Actor;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@CountersignTest
class TokenLifecycleTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    ApiTokens tokens;

    @Autowired
    People people;

    private JsonNode issue(String caller, String owner, Map<String, Object> body) {
        return api.as(caller)
                .post("/api/v1/users/" + owner + "/tokens", Api.json(body))
                .expect(201)
                .json();
    }

    private List<String> tokenNames(String caller, String owner) {
        List<String> names = new ArrayList<>();
        api.as(caller)
                .get("/api/v1/users/" + owner + "/tokens")
                .expect(200)
                .json()
                .forEach(token -> names.add(token.get("name").asString()));
        return names;
    }

    private long audited(String action, String target) {
        return jdbc.sql("select count(*) from audit_events where action = ? and target = ?")
                .params(action, target)
                .query(Long.class)
                .single();
    }

    @Test
    void theOwnerListsTheirTokensWithTheirDatesButNeverTheSecretOrItsHash() {
        String dev = people.user("dev");
        String devToken = people.tokenFor(dev);
        Instant expiry = clock.instant().plus(Duration.ofDays(7));
        JsonNode laptop = issue(devToken, dev, Map.of("name", "laptop", "expiresAt", expiry.toString()));

        var answer = api.as(devToken).get("/api/v1/users/" + dev + "/tokens").expect(200);

        JsonNode listed = null;
        for (JsonNode token : answer.json()) {
            if (token.get("name").asString().equals("laptop")) {
                listed = token;
            }
        }
        assertThat(answer.json().size()).isEqualTo(2);
        assertThat(listed.get("id").asString()).isEqualTo(laptop.get("id").asString());
        assertThat(listed.get("name").asString()).isEqualTo("laptop");
        assertThat(Instant.parse(listed.get("createdAt").asString())).isEqualTo(clock.instant());
        assertThat(Instant.parse(listed.get("expiresAt").asString())).isEqualTo(expiry);
        assertThat(listed.has("lastUsedAt")).isTrue();
        String hash = TokenHash.of(laptop.get("token").asString());
        assertThat(answer.body())
                .doesNotContain(laptop.get("token").asString())
                .doesNotContain(hash)
                .doesNotContain("secret");
    }

    @Test
    void lastUsedAtIsRecordedOnUseButWrittenAtMostOnceAMinute() {
        String dev = people.user("dev");
        String devToken = people.tokenFor(dev);
        String id = api.asAdmin()
                .get("/api/v1/users/" + dev + "/tokens")
                .expect(200)
                .json()
                .get(0)
                .get("id")
                .asString();
        assertThat(lastUsed(dev)).isNull();

        Instant firstUse = clock.instant();
        api.as(devToken).get("/api/v1/users/" + dev).expect(200);
        assertThat(lastUsed(dev)).isEqualTo(firstUse);

        clock.advance(Duration.ofSeconds(40));
        api.as(devToken).get("/api/v1/users/" + dev).expect(200);
        assertThat(lastUsed(dev)).as("not written again within a minute").isEqualTo(firstUse);

        clock.advance(Duration.ofSeconds(30));
        api.as(devToken).get("/api/v1/users/" + dev).expect(200);
        assertThat(lastUsed(dev)).isEqualTo(clock.instant());
        assertThat(id).startsWith("tok-");
    }

    private Instant lastUsed(String owner) {
        JsonNode value = api.asAdmin()
                .get("/api/v1/users/" + owner + "/tokens")
                .expect(200)
                .json()
                .get(0)
                .get("lastUsedAt");
        return value == null || value.isNull() ? null : Instant.parse(value.asString());
    }

    @Test
    void revokingATokenEndsItAtOnceAndIsAudited() {
        String dev = people.user("dev");
        String devToken = people.tokenFor(dev);
        JsonNode ci = issue(devToken, dev, Map.of("name", "ci"));
        String ciToken = ci.get("token").asString();
        api.as(ciToken).get("/api/v1/users/" + dev).expect(200);

        api.as(devToken)
                .delete("/api/v1/users/" + dev + "/tokens/" + ci.get("id").asString())
                .expect(204);

        assertThat(api.as(ciToken).get("/api/v1/users/" + dev).status()).isEqualTo(401);
        api.as(devToken).get("/api/v1/users/" + dev).expect(200);
        assertThat(tokenNames(devToken, dev)).doesNotContain("ci");
        assertThat(audited("token.revoked", "user:" + dev)).isEqualTo(1);
    }

    @Test
    void anAdministratorRevokesEveryTokenOfAUserAndOnlyTheirs() {
        String dev = people.user("dev");
        String other = people.user("other");
        String first = people.tokenFor(dev);
        String second = people.tokenFor(dev);
        String othersToken = people.tokenFor(other);
        api.as(first).get("/api/v1/users/" + dev).expect(200);
        api.as(second).get("/api/v1/users/" + dev).expect(200);

        api.asAdmin().delete("/api/v1/users/" + dev + "/tokens").expect(204);

        assertThat(api.as(first).get("/api/v1/users/" + dev).status()).isEqualTo(401);
        assertThat(api.as(second).get("/api/v1/users/" + dev).status()).isEqualTo(401);
        assertThat(tokenNames(Api.ADMIN_TOKEN, dev)).isEmpty();
        api.as(othersToken).get("/api/v1/users/" + other).expect(200);
        assertThat(audited("token.revoked", "user:" + dev)).isEqualTo(2);
    }

    @Test
    void someoneElsesTokensAreNotFoundAsIfTheyDidNotExist() {
        String dev = people.user("dev");
        String devToken = people.tokenFor(dev);
        String mallory = people.user("mallory");
        String malloryToken = people.tokenFor(mallory);
        String devTokenId = api.as(devToken)
                .get("/api/v1/users/" + dev + "/tokens")
                .json()
                .get(0)
                .get("id")
                .asString();
        String auditor = people.user("auditor", Role.AUDITOR);
        String auditorToken = people.tokenFor(auditor);

        // an auditor sees dev, so is told the tokens are not theirs to manage; to mallory dev is unknown
        for (String caller : List.of(malloryToken, auditorToken)) {
            int refused = caller.equals(auditorToken) ? 403 : 404;
            assertThat(api.as(caller).get("/api/v1/users/" + dev + "/tokens").status())
                    .isEqualTo(refused);
            assertThat(api.as(caller)
                            .delete("/api/v1/users/" + dev + "/tokens/" + devTokenId)
                            .status())
                    .isEqualTo(refused);
            assertThat(api.as(caller).delete("/api/v1/users/" + dev + "/tokens").status())
                    .isEqualTo(refused);
        }
        assertThat(api.as(malloryToken)
                        .delete("/api/v1/users/" + mallory + "/tokens/" + devTokenId)
                        .status())
                .as("another user's token id under my own name")
                .isEqualTo(404);
        assertThat(api.asAdmin().get("/api/v1/users/nobody-like-this/tokens").status())
                .isEqualTo(404);
        api.as(devToken).get("/api/v1/users/" + dev).expect(200);
    }

    @Test
    void aTokenCannotMintATokenThatOutlivesIt() {
        String dev = people.user("dev");
        Instant shortExpiry = clock.instant().plus(Duration.ofHours(1));
        String shortLived = issue(Api.ADMIN_TOKEN, dev, Map.of("name", "short", "expiresAt", shortExpiry.toString()))
                .get("token")
                .asString();

        JsonNode defaulted = issue(shortLived, dev, Map.of("name", "defaulted"));
        var later = api.as(shortLived)
                .post(
                        "/api/v1/users/" + dev + "/tokens",
                        Api.json(Map.of(
                                "name",
                                "later",
                                "expiresAt",
                                shortExpiry.plusSeconds(1).toString())));
        JsonNode earlier = issue(
                shortLived,
                dev,
                Map.of(
                        "name",
                        "earlier",
                        "expiresAt",
                        shortExpiry.minusSeconds(60).toString()));

        assertThat(Instant.parse(defaulted.get("expiresAt").asString())).isEqualTo(shortExpiry);
        assertThat(later.status()).isEqualTo(400);
        assertThat(later.contentType()).startsWith("application/problem+json");
        assertThat(later.json().get("errors").get(0).get("field").asString()).isEqualTo("expiresAt");
        assertThat(later.json().get("errors").get(0).get("code").asString()).isEqualTo("outlives_caller_token");
        assertThat(Instant.parse(earlier.get("expiresAt").asString())).isEqualTo(shortExpiry.minusSeconds(60));
        assertThat(tokenNames(Api.ADMIN_TOKEN, dev)).containsExactlyInAnyOrder("short", "defaulted", "earlier");
    }

    @Test
    void anAdministratorsShortLivedTokenCannotMintALongerOneForSomeoneElse() {
        String admin = people.user("admin", Role.ADMIN);
        Instant expiry = clock.instant().plus(Duration.ofMinutes(10));
        String adminToken = issue(Api.ADMIN_TOKEN, admin, Map.of("name", "short", "expiresAt", expiry.toString()))
                .get("token")
                .asString();
        String dev = people.user("dev");

        JsonNode forDev = issue(adminToken, dev, Map.of("name", "handed-out"));

        assertThat(Instant.parse(forDev.get("expiresAt").asString())).isEqualTo(expiry);
    }

    @Test
    void deactivatingAUserRevokesTheirTokensAndReactivationDoesNotReviveThem() {
        String dev = people.user("dev");
        String devToken = people.tokenFor(dev);
        api.as(devToken).get("/api/v1/users/" + dev).expect(200);
        Map<String, Object> body = People.body(dev, Role.USER);

        body.put("active", false);
        api.asAdmin().put("/api/v1/users/" + dev, Api.json(body)).expect(200);

        assertThat(api.as(devToken).get("/api/v1/users/" + dev).status()).isEqualTo(401);
        assertThat(tokenNames(Api.ADMIN_TOKEN, dev)).isEmpty();
        assertThat(audited("token.revoked", "user:" + dev)).isEqualTo(1);
        assertThat(jdbc.sql("select note from audit_events where action = 'token.revoked' and target = ?")
                        .param("user:" + dev)
                        .query(String.class)
                        .single())
                .contains("user deactivated");

        body.put("active", true);
        api.asAdmin().put("/api/v1/users/" + dev, Api.json(body)).expect(200);

        assertThat(api.as(devToken).get("/api/v1/users/" + dev).status()).isEqualTo(401);
        assertThat(tokenNames(Api.ADMIN_TOKEN, dev)).isEmpty();
    }

    @Test
    void noTokenIsIssuedToADeactivatedUserSoReactivationBringsNone() {
        String dev = people.user("dev");
        Map<String, Object> body = People.body(dev, Role.USER);
        body.put("active", false);
        api.asAdmin().put("/api/v1/users/" + dev, Api.json(body)).expect(200);

        var refused = api.asAdmin()
                .post("/api/v1/users/" + dev + "/tokens", "{\"name\":\"laptop\"}")
                .expect(409)
                .json();

        assertThat(refused.get("title").asString()).isEqualTo("Conflict");
        assertThat(refused.get("detail").asString()).contains("deactivated");
        assertThat(audited("token.issued", "user:" + dev)).isZero();
        body.put("active", true);
        api.asAdmin().put("/api/v1/users/" + dev, Api.json(body)).expect(200);
        assertThat(tokenNames(Api.ADMIN_TOKEN, dev)).isEmpty();
    }

    @Test
    void anImportThatDeactivatesAUserRevokesTheirTokensAsAPutDoes() {
        String dev = people.user("dev");
        String devToken = people.tokenFor(dev);
        api.as(devToken).get("/api/v1/users/" + dev).expect(200);
        Map<String, Object> user = People.body(dev, Role.USER);

        user.put("active", false);
        importUsers(user);

        assertThat(api.as(devToken).get("/api/v1/users/" + dev).status()).isEqualTo(401);
        assertThat(tokenNames(Api.ADMIN_TOKEN, dev)).isEmpty();
        assertThat(audited("token.revoked", "user:" + dev)).isEqualTo(1);

        user.put("active", true);
        importUsers(user);

        assertThat(api.as(devToken).get("/api/v1/users/" + dev).status()).isEqualTo(401);
    }

    @Test
    void aRoleChangedByAnImportAppliesToTheVeryNextCall() {
        String gateway = people.user("gateway", Role.ENFORCER);
        String gatewayToken = people.tokenFor(gateway);
        String check = "/api/v1/access/check?user=dev&resource=db&account=root";
        api.as(gatewayToken).get(check).expect(200);

        importUsers(People.body(gateway, Role.USER));

        assertThat(api.as(gatewayToken).get(check).status()).isEqualTo(403);
    }

    private void importUsers(Map<String, Object> user) {
        api.asAdmin()
                .post("/api/v1/import", Api.json(Map.of("users", List.of(user))))
                .expect(200);
    }

    @Test
    void aChangedRoleAppliesToTheVeryNextCall() {
        String gateway = people.user("gateway", Role.ENFORCER);
        String gatewayToken = people.tokenFor(gateway);
        String check = "/api/v1/access/check?user=dev&resource=db&account=root";
        api.as(gatewayToken).get(check).expect(200);

        api.asAdmin()
                .put("/api/v1/users/" + gateway, Api.json(People.body(gateway, Role.USER)))
                .expect(200);

        assertThat(api.as(gatewayToken).get(check).status()).isEqualTo(403);
    }

    @Test
    void aTokenRefusedOnceWorksAsSoonAsItExists() {
        String dev = people.user("dev");
        String preset = "cs_preset-" + Api.unique("token") + "-0123456789abcdef";
        assertThat(api.as(preset).get("/api/v1/users/" + dev).status()).isEqualTo(401);

        tokens.register(Actor.system(), dev, "preset", preset);

        api.as(preset).get("/api/v1/users/" + dev).expect(200);
    }

    @Test
    void anExpiredTokenIsRefusedEvenWhileItsAuthenticationIsCached() {
        String dev = people.user("dev");
        Instant expiry = clock.instant().plus(Duration.ofMinutes(5));
        String token = issue(Api.ADMIN_TOKEN, dev, Map.of("name", "brief", "expiresAt", expiry.toString()))
                .get("token")
                .asString();
        api.as(token).get("/api/v1/users/" + dev).expect(200);

        clock.advance(Duration.ofMinutes(5));

        assertThat(api.as(token).get("/api/v1/users/" + dev).status()).isEqualTo(401);
    }
}
