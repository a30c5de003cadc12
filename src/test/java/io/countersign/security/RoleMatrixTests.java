package io.countersign.security;

import static io.countersign.shared.Role.ADMIN;
import static io.countersign.shared.Role.AUDITOR;
import static io.countersign.shared.Role.ENFORCER;
import static io.countersign.shared.Role.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * Walks every endpoint of the API with every tool role and without a token. A denied role must get
 * 403 before anything runs; an allowed role must reach the endpoint (any answer but 401, 403 or a
 * "no such endpoint" 404). Targets that do not exist keep allowed calls from changing anything.
 */
@CountersignTest
class RoleMatrixTests {

    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    private static final Set<Role> ADMIN_ONLY = EnumSet.of(ADMIN);
    private static final Set<Role> READERS = EnumSet.of(ADMIN, AUDITOR);

    record Endpoint(HttpMethod method, String path, String body, Set<Role> allowed) {}

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(POST, "/api/v1/users", "{}", ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/users", null, READERS),
            new Endpoint(GET, "/api/v1/users/nobody-here", null, EVERYONE),
            new Endpoint(PUT, "/api/v1/users/nobody-here", "{}", ADMIN_ONLY),
            new Endpoint(DELETE, "/api/v1/users/nobody-here", null, ADMIN_ONLY),
            new Endpoint(POST, "/api/v1/users/nobody-here/tokens", "{\"name\":\"x\"}", EVERYONE),
            new Endpoint(GET, "/api/v1/users/nobody-here/tokens", null, EVERYONE),
            new Endpoint(DELETE, "/api/v1/users/nobody-here/tokens", null, EVERYONE),
            new Endpoint(DELETE, "/api/v1/users/nobody-here/tokens/tok-nothing", null, EVERYONE),
            new Endpoint(GET, "/api/v1/users/nobody-here/delegations", null, EVERYONE),
            new Endpoint(POST, "/api/v1/users/nobody-here/delegations", "{}", EVERYONE),
            new Endpoint(DELETE, "/api/v1/users/nobody-here/delegations/dlg-nothing", null, EVERYONE),
            new Endpoint(GET, "/api/v1/levels", null, EVERYONE),
            new Endpoint(PUT, "/api/v1/levels", "\"not-a-list\"", ADMIN_ONLY),
            new Endpoint(POST, "/api/v1/groups", "{}", ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/groups", null, READERS),
            new Endpoint(GET, "/api/v1/groups/nothing-here", null, READERS),
            new Endpoint(PUT, "/api/v1/groups/nothing-here", "{}", ADMIN_ONLY),
            new Endpoint(DELETE, "/api/v1/groups/nothing-here", null, ADMIN_ONLY),
            new Endpoint(POST, "/api/v1/resources", "{}", ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/resources", null, READERS),
            new Endpoint(GET, "/api/v1/resources/nothing-here", null, READERS),
            new Endpoint(PUT, "/api/v1/resources/nothing-here", "{}", ADMIN_ONLY),
            new Endpoint(DELETE, "/api/v1/resources/nothing-here", null, ADMIN_ONLY),
            new Endpoint(POST, "/api/v1/import", "{\"users\": [{}]}", ADMIN_ONLY),
            new Endpoint(POST, "/api/v1/import?dryRun=true", "{\"users\": [{}]}", ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/export", null, ADMIN_ONLY),
            new Endpoint(POST, "/api/v1/policies", "{}", ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/policies", null, READERS),
            new Endpoint(GET, "/api/v1/policies/nothing-here", null, READERS),
            new Endpoint(PUT, "/api/v1/policies/nothing-here", "{}", ADMIN_ONLY),
            new Endpoint(DELETE, "/api/v1/policies/nothing-here", null, ADMIN_ONLY),
            // without a requester the explanation is for the caller, which an enforcement point never is
            new Endpoint(
                    POST,
                    "/api/v1/policies/explain",
                    "{\"resource\":\"nothing-here\",\"account\":\"root\"}",
                    EnumSet.of(ADMIN, AUDITOR, USER)),
            new Endpoint(
                    POST,
                    "/api/v1/requests",
                    "{\"resource\":\"nothing-here\",\"account\":\"root\"}",
                    EnumSet.of(ADMIN, USER, ENFORCER)),
            new Endpoint(GET, "/api/v1/requests", null, EVERYONE),
            new Endpoint(GET, "/api/v1/requests/req-zzzzzzzz", null, EVERYONE),
            new Endpoint(POST, "/api/v1/requests/req-zzzzzzzz/approve", "{}", EnumSet.of(ADMIN, USER)),
            new Endpoint(POST, "/api/v1/requests/req-zzzzzzzz/reject", "{}", EnumSet.of(ADMIN, USER)),
            new Endpoint(POST, "/api/v1/requests/req-zzzzzzzz/cancel", null, EnumSet.of(ADMIN, USER)),
            new Endpoint(POST, "/api/v1/requests/req-zzzzzzzz/review", "{}", EnumSet.of(ADMIN, USER)),
            new Endpoint(GET, "/api/v1/breakglass", null, EnumSet.of(ADMIN, AUDITOR, USER)),
            new Endpoint(GET, "/api/v1/grants", null, EnumSet.of(ADMIN, AUDITOR, USER)),
            new Endpoint(GET, "/api/v1/grants/grt-zzzzzzzz", null, EnumSet.of(ADMIN, AUDITOR, USER)),
            new Endpoint(POST, "/api/v1/grants/grt-zzzzzzzz/revoke", "{}", EnumSet.of(ADMIN, USER)),
            new Endpoint(GET, "/api/v1/access/check", null, EnumSet.of(ADMIN, ENFORCER)),
            new Endpoint(GET, "/api/v1/audit", null, READERS),
            new Endpoint(GET, "/api/v1/audit/verify", null, READERS),
            new Endpoint(GET, "/api/v1/audit/export?format=csv&requestId=req-zzzzzzzz", null, READERS),
            new Endpoint(GET, "/api/v1/audit/checkpoints", null, READERS),
            new Endpoint(POST, "/api/v1/webhooks", "{}", ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/webhooks", null, ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/webhooks/wh-zzzzzzzz", null, ADMIN_ONLY),
            new Endpoint(DELETE, "/api/v1/webhooks/wh-zzzzzzzz", null, ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/webhooks/wh-zzzzzzzz/deliveries", null, ADMIN_ONLY),
            new Endpoint(POST, "/api/v1/webhooks/deliveries/dlv-zzzzzzzz/redeliver", null, ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/users/nobody-here/subscriptions", null, EVERYONE),
            new Endpoint(PUT, "/api/v1/users/nobody-here/subscriptions", "{}", EVERYONE),
            new Endpoint(POST, "/api/v1/users/nobody-here/chat-links", "{\"type\":\"TELEGRAM\"}", EVERYONE),
            new Endpoint(GET, "/api/v1/users/nobody-here/chat-links", null, EVERYONE),
            new Endpoint(DELETE, "/api/v1/users/nobody-here/chat-links/telegram-1", null, EVERYONE),
            new Endpoint(GET, "/api/v1/settings/subscriptions", null, READERS),
            new Endpoint(PUT, "/api/v1/settings/subscriptions", "\"not-a-map\"", ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/notifications/deliveries", null, ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/notifications/deliveries/dlv-zzzzzzzz", null, ADMIN_ONLY),
            new Endpoint(POST, "/api/v1/notifications/deliveries/dlv-zzzzzzzz/redeliver", null, ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/requests/req-zzzzzzzz/notifications", null, EVERYONE),
            new Endpoint(GET, "/api/v1/settings/mail", null, ADMIN_ONLY),
            new Endpoint(PUT, "/api/v1/settings/mail", "{}", ADMIN_ONLY),
            new Endpoint(POST, "/api/v1/settings/mail/test", "{\"to\":\"not an address\"}", ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/channels", null, ADMIN_ONLY),
            new Endpoint(POST, "/api/v1/channels", "{}", ADMIN_ONLY),
            new Endpoint(GET, "/api/v1/channels/no-such-channel", null, ADMIN_ONLY),
            new Endpoint(PUT, "/api/v1/channels/no-such-channel", "{}", ADMIN_ONLY),
            new Endpoint(DELETE, "/api/v1/channels/no-such-channel", null, ADMIN_ONLY),
            new Endpoint(POST, "/api/v1/channels/no-such-channel/test", null, ADMIN_ONLY),
            new Endpoint(GET, "/actuator/metrics", null, READERS),
            new Endpoint(GET, "/actuator/metrics/jvm.memory.used", null, READERS),
            new Endpoint(GET, "/actuator/prometheus", null, READERS),
            new Endpoint(GET, "/actuator/info", null, ADMIN_ONLY));

    @Autowired
    Api api;

    private final Map<Role, String> tokens = new EnumMap<>(Role.class);

    @BeforeEach
    void oneCallerPerRole() {
        tokens.put(ADMIN, Api.ADMIN_TOKEN);
        for (Role role : List.of(AUDITOR, USER, ENFORCER)) {
            tokens.put(role, api.tokenHolder(role.name().toLowerCase(), role.name()));
        }
    }

    @Test
    void everyEndpointAdmitsExactlyTheRolesItIsMeantFor() {
        List<String> violations = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (Role role : Role.values()) {
                Api.Response response =
                        api.as(tokens.get(role)).call(endpoint.method(), endpoint.path(), endpoint.body());
                boolean allowed = endpoint.allowed().contains(role);
                if (allowed && !reached(response)) {
                    violations.add(role + " should reach " + describe(endpoint) + " but got " + response.status() + " "
                            + response.body());
                }
                if (!allowed && response.status() != 403) {
                    violations.add(role + " should be refused " + describe(endpoint) + " but got " + response.status());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyEndpointRefusesCallersWithoutAToken() {
        for (Endpoint endpoint : ENDPOINTS) {
            var response = api.anonymous().call(endpoint.method(), endpoint.path(), endpoint.body());
            assertThat(response.status()).as(describe(endpoint)).isEqualTo(401);
        }
    }

    @Test
    void pathsOutsideTheContractAreRefusedToEveryRoleAsNotFound() {
        for (Role role : Role.values()) {
            Api.Response response = api.as(tokens.get(role)).get("/api/v1/internals");
            assertThat(response.status()).as("%s", role).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asString()).contains("/api/v1/openapi");
        }
        assertThat(api.anonymous().get("/api/v1/internals").status()).isEqualTo(401);
    }

    @Test
    void aMethodThePathDoesNotTakeIsRefusedWithTheMethodsItTakes() {
        for (Role role : Role.values()) {
            Api.Response response = api.as(tokens.get(role)).delete("/api/v1/requests");
            assertThat(response.status()).as("%s", role).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
        }
    }

    @Test
    void aRefusedMethodsAllowNamesWhatOptionsNames() {
        Api.Caller admin = api.as(tokens.get(Role.ADMIN));
        Api.Response refused = admin.call(HttpMethod.PATCH, "/api/v1/users/admin", "{}");
        Api.Response options = admin.call(HttpMethod.OPTIONS, "/api/v1/users/admin", null);

        assertThat(refused.status()).isEqualTo(405);
        // one list in one order, so that a client can compare the two
        assertThat(refused.header("Allow"))
                .isEqualTo(options.header("Allow"))
                .isEqualTo("DELETE, GET, HEAD, OPTIONS, PUT");
        assertThat(refused.json().get("detail").asString()).contains("HEAD");
        assertThat(admin.call(HttpMethod.HEAD, "/api/v1/users/admin", null).status())
                .isEqualTo(200);
    }

    @Test
    void aMethodThePathDoesNotTakeIsToldInTheServicesOwnWordsWhateverTheRole() {
        List<String[]> calls = List.of(
                new String[] {"PUT", "/api/v1/webhooks"},
                new String[] {"PUT", "/api/v1/channels"},
                new String[] {"DELETE", "/api/v1/settings/mail"},
                new String[] {"DELETE", "/api/v1/settings/subscriptions"},
                new String[] {"PUT", "/api/v1/notifications/deliveries"});
        for (String[] call : calls) {
            String allow = api.asAdmin()
                    .call(HttpMethod.OPTIONS, call[1], null)
                    .expect(200)
                    .header("Allow");
            for (Role role : Role.values()) {
                Api.Response refused = api.as(tokens.get(role)).call(HttpMethod.valueOf(call[0]), call[1], "{}");

                assertThat(refused.status())
                        .as("%s %s as %s", call[0], call[1], role)
                        .isEqualTo(405);
                assertThat(refused.header("Allow"))
                        .as("%s %s as %s", call[0], call[1], role)
                        .isEqualTo(allow);
                assertThat(refused.json().get("detail").asString())
                        .as("%s %s as %s", call[0], call[1], role)
                        .isEqualTo("This path does not take that method; it takes " + allow + ".");
            }
        }
    }

    @Test
    void everyNotFoundHasTheSameTitle() {
        Api.Caller admin = api.as(tokens.get(Role.ADMIN));

        assertThat(admin.get("/api/v1/no-such-thing").json().get("title").asString())
                .isEqualTo(admin.get("/api/v1/requests/req-none")
                        .json()
                        .get("title")
                        .asString())
                .isEqualTo(api.as(tokens.get(USER))
                        .get("/api/v1/internals")
                        .json()
                        .get("title")
                        .asString())
                .isEqualTo("Not found");
    }

    @Test
    void anApiPathInAnotherCaseIsNotFoundRatherThanSentToSignIn() {
        for (String path : List.of("/API/V1/users/admin", "/Api/v1/users", "/api/V1/requests")) {
            for (Role role : Role.values()) {
                Api.Response response = api.as(tokens.get(role)).get(path);

                assertThat(response.status()).as("%s as %s", path, role).isEqualTo(404);
                assertThat(response.contentType()).as("%s as %s", path, role).startsWith("application/problem+json");
            }
            assertThat(api.anonymous().get(path).status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void theSecurityLayersProblemsHaveTheTypeAndFieldOrderOfTheControllers() {
        Api.Caller admin = api.as(tokens.get(Role.ADMIN));
        Api.Response noOperation = admin.get("/api/v1/no-such-thing");
        Api.Response noObject = admin.get("/api/v1/requests/req-none");

        assertThat(noOperation.status()).isEqualTo(404);
        assertThat(noObject.status()).isEqualTo(404);
        assertThat(noOperation.contentType()).isEqualTo(noObject.contentType()).isEqualTo("application/problem+json");
        assertThat(Api.fieldNames(noOperation.json())).isEqualTo(Api.fieldNames(noObject.json()));
    }

    @Test
    void optionsNamesTheMethodsAPathTakesToEveryTokenHolder() {
        for (Role role : Role.values()) {
            Api.Response response = api.as(tokens.get(role)).call(HttpMethod.OPTIONS, "/api/v1/requests", null);
            assertThat(response.status()).as("%s", role).isEqualTo(200);
            assertThat(response.header("Allow"))
                    .as("%s", role)
                    .contains("GET", "POST")
                    .doesNotContain("DELETE");
            assertThat(api.as(tokens.get(role))
                            .call(HttpMethod.OPTIONS, "/api/v1/internals", null)
                            .status())
                    .as("%s", role)
                    .isEqualTo(404);
        }
        assertThat(api.anonymous()
                        .call(HttpMethod.OPTIONS, "/api/v1/requests", null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void anOperationTheRoleMayNotCallStaysForbiddenWhateverElseTheRequestLacks() {
        // no body and no content type: the operation exists, so the role, not the request, is the answer
        Api.Response response = api.as(tokens.get(USER)).call(POST, "/api/v1/users", null);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("detail").asString()).isEqualTo("Your role may not perform this operation.");
    }

    private static boolean reached(Api.Response response) {
        if (response.status() == 401 || response.status() == 403) {
            return false;
        }
        return !(response.status() == 404 && response.body().contains("No static resource"))
                && response.status() != 405;
    }

    private static String describe(Endpoint endpoint) {
        return endpoint.method() + " " + endpoint.path();
    }
}
