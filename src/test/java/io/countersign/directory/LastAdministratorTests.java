package io.countersign.directory;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Somebody must stay able to administer: the last active administrator keeps their role and access. */
@CountersignTest
class LastAdministratorTests {

    @Autowired
    Api api;

    @Autowired
    People people;

    @Test
    void theLastActiveAdministratorCanBeNeitherDeletedNorDemotedNorDeactivated() {
        people.onlyTheBootstrapAdministratorIsAnActiveAdmin();

        var deleted = api.asAdmin().delete("/api/v1/users/admin");
        var demoted =
                api.asAdmin().put("/api/v1/users/admin", Api.json(Map.of("email", "admin@localhost", "role", "USER")));
        var deactivated = api.asAdmin()
                .put(
                        "/api/v1/users/admin",
                        Api.json(Map.of("email", "admin@localhost", "role", "ADMIN", "active", false)));
        var both = api.asAdmin()
                .put(
                        "/api/v1/users/admin",
                        Api.json(Map.of("email", "admin@localhost", "role", "AUDITOR", "active", false)));

        assertThat(deleted.status()).isEqualTo(409);
        assertThat(deleted.json().get("detail").asString()).contains("last active administrator");
        assertThat(issues(demoted.expect(409))).containsExactly("role:last_admin");
        assertThat(issues(deactivated.expect(409))).containsExactly("active:last_admin");
        // as in an import: the role is at fault when it is no longer ADMIN
        assertThat(issues(both.expect(409))).containsExactly("role:last_admin");
        assertThat(deactivated.json().get("detail").asString()).contains("last active administrator");
        var admin = api.asAdmin().get("/api/v1/users/admin").expect(200).json();
        assertThat(admin.get("role").asString()).isEqualTo("ADMIN");
        assertThat(admin.get("active").asBoolean()).isTrue();
    }

    @Test
    void theLastAdministratorNamedByAPolicyIsToldTheyAreTheLastBeforeWhatNamesThem() {
        people.onlyTheBootstrapAdministratorIsAnActiveAdmin();
        String policy = Api.unique("names-admin");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                policy,
                                "conditions",
                                Map.of("resourceName", Api.unique("db")),
                                "steps",
                                List.of(Map.of(
                                        "name",
                                        "Admin",
                                        "requiredApprovals",
                                        1,
                                        "approvers",
                                        List.of(Map.of("user", "admin")))))))
                .expect(201);

        var deleted = api.asAdmin().delete("/api/v1/users/admin");

        assertThat(deleted.status()).isEqualTo(409);
        assertThat(deleted.json().get("detail").asString())
                .contains("last active administrator")
                .doesNotContain(policy);
        api.asAdmin().delete("/api/v1/policies/" + policy).expect(204);
    }

    @Test
    void anAdministratorMayBeDemotedOrDeletedWhileAnotherActiveOneRemains() {
        String first = people.user("admin-a", Role.ADMIN);
        String second = people.user("admin-b", Role.ADMIN);

        api.asAdmin()
                .put("/api/v1/users/" + first, Api.json(Map.of("email", "a@example.com", "role", "USER")))
                .expect(200);
        api.asAdmin().delete("/api/v1/users/" + second).expect(204);
    }
}
