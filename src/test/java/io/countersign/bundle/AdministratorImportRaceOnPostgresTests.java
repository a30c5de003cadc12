package io.countersign.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.People;
import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An import that demotes an administrator races a demotion of the other one through the API. With two
 * active administrators, whichever commits first, the other waits for it and is refused: there is
 * always an active administrator left.
 */
@CountersignTest
@OnPostgres
class AdministratorImportRaceOnPostgresTests extends BundleImportRaceTestBase {

    @Autowired
    BundleImporter bundles;

    @Autowired
    Users users;

    @Test
    void anImportAndADemotionAtOnceNeverLeaveNoActiveAdministrator() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String other = onlyAdminAndAnotherAreActiveAdmins();
            String otherToken = api.tokenFor(other);

            List<Integer> answers = race.run(List.of(
                    () -> importer.yaml(demoting(other)).status(),
                    () -> api.as(otherToken)
                            .put("/api/v1/users/admin", demotion())
                            .status()));

            // the import, then the demotion: exactly one of them demotes, the other is refused (403 when
            // the demotion's author was no longer an administrator by the time it was let in)
            assertThat(answers).isIn(List.of(200, 409), List.of(200, 403), List.of(400, 200));
            assertThat(activeAdmins()).isNotEmpty();
            restoreTheBootstrapAdministrator(otherToken);
        }
    }

    @Test
    void aDemotionAfterAnImportThatDemotedTheOtherAdministratorIsRefused() throws Exception {
        String other = onlyAdminAndAnotherAreActiveAdmins();
        String otherToken = api.tokenFor(other);

        int demoted = held().firstThenSecond(
                        () -> bundles.importBundle(
                                ADMIN, demoting(other).getBytes(StandardCharsets.UTF_8), BundleFormat.YAML),
                        () -> api.as(otherToken)
                                .put("/api/v1/users/admin", demotion())
                                .status());

        assertThat(demoted).isEqualTo(409);
        assertThat(activeAdmins()).containsExactly("admin");
    }

    @Test
    void anImportAfterADemotionOfTheOtherAdministratorIsRefused() throws Exception {
        String other = onlyAdminAndAnotherAreActiveAdmins();
        String otherToken = api.tokenFor(other);
        Actor asOther = new Actor(other, Role.ADMIN, Channel.API, "127.0.0.1");

        Api.Response imported = held().firstThenSecond(
                        () -> users.replace(
                                asOther,
                                "admin",
                                new UserInput("admin", "admin@localhost", null, null, null, Role.USER, true)),
                        () -> importer.yaml(demoting(other)));

        assertThat(imported.status()).isEqualTo(400);
        assertThat(Api.issues(imported)).containsExactly("users[0].role:last_admin");
        assertThat(activeAdmins()).containsExactly(other);
        restoreTheBootstrapAdministrator(otherToken);
    }

    /** Leaves the bootstrap administrator and one new administrator as the only active ones; answers its name. */
    private String onlyAdminAndAnotherAreActiveAdmins() {
        People people = new People(api);
        people.onlyTheBootstrapAdministratorIsAnActiveAdmin();
        return people.user("admin2", Role.ADMIN);
    }

    /** Makes the bootstrap administrator an active ADMIN again, as {@code token}'s administrator if need be. */
    private void restoreTheBootstrapAdministrator(String token) {
        if (!activeAdmins().contains("admin")) {
            api.as(token)
                    .put(
                            "/api/v1/users/admin",
                            Api.json(Map.of(
                                    "email", "admin@localhost", "displayName", "Administrator", "role", "ADMIN")))
                    .expect(200);
        }
    }

    private List<String> activeAdmins() {
        return jdbc.sql("select username from users where role = 'ADMIN' and active order by username")
                .query(String.class)
                .list();
    }

    private static String demotion() {
        return Api.json(Map.of("username", "admin", "email", "admin@localhost", "role", "USER"));
    }

    private static String demoting(String username) {
        return "users:\n  - {username: %s, email: %s@example.com, role: USER}\n".formatted(username, username);
    }
}
