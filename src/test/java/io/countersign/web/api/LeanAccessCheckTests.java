package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The access check's lean path answers the ordinary check exactly as the full path (the security
 * filter chain and the controller) does, and leaves every other answer to it.
 */
@CountersignTest
class LeanAccessCheckTests {

    /** What the API filter chain adds to every answer; the lean path must add the same. */
    private static final Map<String, String> API_HEADERS = Map.of(
            "cache-control", "no-cache, no-store, max-age=0, must-revalidate",
            "pragma", "no-cache",
            "expires", "0",
            "x-content-type-options", "nosniff",
            "x-frame-options", "DENY",
            "x-xss-protection", "0");

    @Autowired
    Api api;

    @Autowired
    AccessSetup setup;

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry meters;

    LeanCalls calls;
    String dev;
    String devToken;
    String gateway;
    String gatewayToken;
    String resource;

    @BeforeEach
    void organisation() {
        calls = new LeanCalls(mvc, meters);
        dev = Api.unique("dev");
        devToken = user(dev, "USER", null);
        resource = Api.unique("db");
        gateway = Api.unique("gateway");
        gatewayToken = user(gateway, "ENFORCER", Map.of("resources", List.of(resource)));
        setup.database(resource, "admin", "readonly");
        setup.openPolicy(resource);
        api.ask(devToken, resource, Map.of());
    }

    private String user(String name, String role, Object scope) {
        Map<String, Object> body =
                new HashMap<>(Map.of("username", name, "email", name + "@example.com", "role", role));
        if (scope != null) {
            body.put("scope", scope);
        }
        return setup.tokenForNewUser(body);
    }

    private String check(String user, String resource, String account) {
        return "user=" + user + "&resource=" + resource + "&account=" + account;
    }

    @Test
    void anOrdinaryCheckIsAnsweredByTheLeanPathExactlyAsByTheFullPath() {
        List<String> queries = List.of(
                check(dev, resource, "admin"), // allowed
                check(dev, resource, "readonly"), // denied
                check(dev.toUpperCase(), resource.toUpperCase(), "admin")); // names in another case
        for (String query : queries) {
            for (String token : List.of(gatewayToken, Api.ADMIN_TOKEN)) {
                for (boolean secure : List.of(false, true)) {
                    double before = calls.leanAnswers();
                    LeanCalls.Answer lean = calls.lean(token, query, secure);
                    double served = calls.leanAnswers() - before;
                    LeanCalls.Answer full = calls.full(token, query, secure);

                    assertThat(served)
                            .as("answered by the lean path: %s", query)
                            .isEqualTo(1);
                    assertThat(calls.leanAnswers() - before)
                            .as("the full path's twin")
                            .isEqualTo(1);
                    assertThat(lean).as("%s, secure %s", query, secure).isEqualTo(full);
                    assertThat(lean.status()).isEqualTo(200);
                    assertThat(lean.headers()).containsAllEntriesOf(API_HEADERS);
                    assertThat(lean.headers()).containsEntry("content-type", "application/json");
                    assertThat(lean.headers().containsKey("strict-transport-security"))
                            .isEqualTo(secure);
                }
            }
        }
        assertThat(calls.lean(gatewayToken, queries.get(0), false).body())
                .contains("\"allowed\":true", "\"grantId\":\"grt-");
        assertThat(calls.lean(gatewayToken, queries.get(1), false).body())
                .isEqualTo("{\"allowed\":false,\"grantId\":null,\"requestId\":null,\"expiresAt\":null,"
                        + "\"clockStartedAt\":null}");
    }

    @Test
    void everyRefusalIsLeftToTheFullPathAndAnsweredAsAlways() {
        String proxy = Api.unique("proxy");
        String revoked = user(proxy, "ENFORCER", null);
        api.asAdmin().delete("/api/v1/users/" + proxy + "/tokens").expect(204);
        String allowed = check(dev, resource, "admin");
        List<Refusal> refusals = List.of(
                new Refusal("outside the gateway's scope", gatewayToken, check(dev, "elsewhere", "admin"), 403),
                new Refusal("on behalf of an administrator", gatewayToken, check("admin", resource, "admin"), 403),
                new Refusal("a user's own token", devToken, allowed, 403),
                new Refusal("an unknown token", "cs_unknown-token-0123456789", allowed, 401),
                new Refusal("a revoked token", revoked, allowed, 401),
                new Refusal("no token", null, allowed, 401),
                new Refusal("a missing parameter", gatewayToken, "user=" + dev + "&resource=" + resource, 400),
                new Refusal("no parameters", Api.ADMIN_TOKEN, "", 400),
                new Refusal("a repeated parameter", Api.ADMIN_TOKEN, allowed + "&user=" + dev, 400));
        for (Refusal refusal : refusals) {
            double before = calls.leanAnswers();
            LeanCalls.Answer lean = calls.lean(refusal.token(), refusal.query(), false);
            LeanCalls.Answer full = calls.full(refusal.token(), refusal.query(), false);

            assertThat(calls.leanAnswers() - before).as(refusal.name()).isZero();
            assertThat(lean.status()).as(refusal.name()).isEqualTo(refusal.status());
            assertThat(lean).as(refusal.name()).isEqualTo(full);
            assertThat(lean.headers()).as(refusal.name()).containsAllEntriesOf(API_HEADERS);
        }
    }

    /** A check the lean path must leave to the full path, and the status the full path answers. */
    private record Refusal(String name, String token, String query, int status) {}

    @Test
    void aCheckAskingForAnotherRepresentationIsLeftToTheFullPath() {
        String allowed = check(dev, resource, "admin");
        for (String accept : List.of("application/yaml", "application/xml", "application/json, */*")) {
            double before = calls.leanAnswers();
            LeanCalls.Answer lean = calls.lean(gatewayToken, allowed, false, accept);

            assertThat(calls.leanAnswers() - before).as(accept).isZero();
            assertThat(lean).as(accept).isEqualTo(calls.full(gatewayToken, allowed, false, accept));
        }
        double before = calls.leanAnswers();
        assertThat(calls.lean(gatewayToken, allowed, false, "*/*").status()).isEqualTo(200);
        assertThat(calls.leanAnswers() - before).isEqualTo(1);
    }

    @Test
    void aCheckAnsweredByTheLeanPathIsTimedAsACallOfTheCheck() {
        calls.lean(gatewayToken, check(dev, resource, "admin"), false);
        long before = calls().count();

        calls.lean(gatewayToken, check(dev, resource, "admin"), false);

        assertThat(calls().count()).isEqualTo(before + 1);
    }

    private Timer calls() {
        // by method too: a HEAD check elsewhere in the shared context is timed under its own tags
        Timer timer = meters.find("http.server.requests")
                .tag("method", "GET")
                .tag("uri", LeanCalls.PATH)
                .tag("status", "200")
                .timer();
        assertThat(timer).as("http.server.requests of the check").isNotNull();
        return timer;
    }
}
