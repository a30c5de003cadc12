package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Access to what no longer exists ends with it: a deleted resource, an account removed from its resource. */
@CountersignTest
class ResourceRemovalTests extends RequesterReviewerGatewayTestBase {

    String resource;

    @BeforeEach
    void organisation() {
        resource = org.resource();
        api.asAdmin()
                .put(
                        "/api/v1/resources/" + resource,
                        Api.json(Map.of("type", "database", "accounts", List.of("admin", "readonly"))))
                .expect(200);
        org.policy(resource, List.of(step("Review", 1, lisa)));
    }

    private String request(String account) {
        return org.request(dev, resource, Map.of("account", account)).get("id").asString();
    }

    private String grantOf(String id) {
        return api.as(lisa.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200)
                .json()
                .get("grant")
                .get("id")
                .asString();
    }

    private boolean allowed(String account) {
        return api.as(gateway.token())
                .get("/api/v1/access/check?user=" + dev.name() + "&resource=" + resource + "&account=" + account)
                .expect(200)
                .json()
                .get("allowed")
                .asBoolean();
    }

    private JsonNode grant(String id) {
        return api.asAdmin().get("/api/v1/grants/" + id).expect(200).json();
    }

    @Test
    void deletingAResourceRevokesItsGrantsAndCancelsItsPendingRequests() {
        String admin = grantOf(request("admin"));
        String readonly = grantOf(request("readonly"));
        String pending = request("admin");

        api.asAdmin().delete("/api/v1/resources/" + resource).expect(204);

        assertThat(allowed("admin")).isFalse();
        assertThat(allowed("readonly")).isFalse();
        for (String id : List.of(admin, readonly)) {
            assertThat(grant(id).get("status").asString()).isEqualTo("REVOKED");
            assertThat(grant(id).get("revokeReason").asString()).isEqualTo("resource deleted");
        }
        assertThat(api.status(pending)).isEqualTo("CANCELLED");
    }

    @Test
    void removingAnAccountRevokesItsGrantsAndCancelsItsPendingRequestsOnly() {
        String admin = grantOf(request("admin"));
        String readonly = grantOf(request("readonly"));
        String pendingAdmin = request("admin");
        String pendingReadonly = request("readonly");

        api.asAdmin()
                .put(
                        "/api/v1/resources/" + resource,
                        Api.json(Map.of("type", "database", "accounts", List.of("readonly"))))
                .expect(200);

        assertThat(allowed("admin")).isFalse();
        assertThat(grant(admin).get("status").asString()).isEqualTo("REVOKED");
        assertThat(grant(admin).get("revokeReason").asString()).isEqualTo("account removed");
        assertThat(api.status(pendingAdmin)).isEqualTo("CANCELLED");
        assertThat(allowed("readonly")).isTrue();
        assertThat(grant(readonly).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(api.status(pendingReadonly)).isEqualTo("PENDING");
    }

    private JsonNode audited(String action, String field, String id) {
        for (JsonNode event : api.asAdmin()
                .get("/api/v1/audit?action=" + action + "&limit=500")
                .expect(200)
                .json()
                .get("items")) {
            if (id.equals(event.path(field).asString(""))) {
                return event;
            }
        }
        return null;
    }

    @Test
    void anImportThatRemovesAnAccountEndsAccessToItAsAReplacementDoes() {
        String admin = grantOf(request("admin"));
        String readonly = grantOf(request("readonly"));
        String pendingAdmin = request("admin");
        String pendingReadonly = request("readonly");

        api.asAdmin()
                .post(
                        "/api/v1/import",
                        Api.json(Map.of(
                                "resources",
                                List.of(Map.of(
                                        "name", resource, "type", "database", "accounts", List.of("readonly"))))))
                .expect(200);

        assertThat(allowed("admin")).isFalse();
        assertThat(grant(admin).get("status").asString()).isEqualTo("REVOKED");
        assertThat(grant(admin).get("revokeReason").asString()).isEqualTo("account removed");
        assertThat(grant(admin).get("revokedBy").asString()).isEqualTo("system");
        assertThat(api.status(pendingAdmin)).isEqualTo("CANCELLED");
        assertThat(audited("grant.revoked", "grantId", admin)).isNotNull();
        assertThat(audited("request.cancelled", "requestId", pendingAdmin)).isNotNull();
        assertThat(allowed("readonly")).isTrue();
        assertThat(grant(readonly).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(api.status(pendingReadonly)).isEqualTo("PENDING");
        assertThat(audited("grant.revoked", "grantId", readonly)).isNull();
    }

    @Test
    void anImportThatChangesNothingAboutTheAccountsEndsNothing() {
        String admin = grantOf(request("admin"));

        api.asAdmin()
                .post(
                        "/api/v1/import",
                        Api.json(Map.of(
                                "resources",
                                List.of(Map.of(
                                        "name",
                                        resource,
                                        "type",
                                        "database",
                                        "labels",
                                        Map.of("env", "prod"),
                                        "accounts",
                                        List.of("admin", "readonly", "owner"))))))
                .expect(200);

        assertThat(allowed("admin")).isTrue();
        assertThat(grant(admin).get("status").asString()).isEqualTo("ACTIVE");
    }
}
