package io.countersign.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.HeldSaves;
import io.countersign.testing.OnPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two administrators demoted at once, each by a write that names the version it read (If-Match): each
 * write locks its user's row to compare the version, and the check that an administrator remains locks
 * every administrator's. Taken in that order, two such writes could each hold what the other waits for.
 */
@CountersignTest
@OnPostgres
class AdministratorEditRaceOnPostgresTests {

    private static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, "127.0.0.1");

    @RegisterExtension
    final HeldSaves writes = new HeldSaves();

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Users users;

    @Test
    void twoVersionedDemotionsOfAdministratorsAtOnceBothGoThroughInTurn() throws Exception {
        People people = new People(api);
        people.onlyTheBootstrapAdministratorIsAnActiveAdmin();
        String first = people.user("edit-a", Role.ADMIN);
        String second = people.user("edit-b", Role.ADMIN);
        String version =
                api.asAdmin().get("/api/v1/users/" + second).expect(200).header("ETag");

        Api.Response answered = writes.firstThenSecond(
                // as a versioned write does: its user's version first, read under lock
                () -> users.revision(first, true),
                () -> users.replace(ADMIN, first, demoted(first)),
                () -> api.asAdmin()
                        .call(
                                HttpMethod.PUT,
                                "/api/v1/users/" + second,
                                Api.json(Map.of("email", second + "@example.com", "role", "USER")),
                                "If-Match",
                                version));

        assertThat(answered.status()).isEqualTo(200);
        assertThat(activeAdmins()).containsExactly("admin");
    }

    @Test
    void aChangeTheDatabaseUndoesToBreakADeadlockIsAnsweredAsOneToSendAgainAfterASecond() throws Exception {
        People people = new People(api);
        people.onlyTheBootstrapAdministratorIsAnActiveAdmin();
        String held = people.user("edit-a", Role.ADMIN);
        String demoted = people.user("edit-b", Role.ADMIN);

        // another writer that takes two administrators' rows against their order; it waits the longest
        // before looking for a deadlock, so the database undoes the call, not it
        Api.Response answered = writes.firstThenSecond(
                () -> {
                    jdbc.sql("set local deadlock_timeout = '60s'").update();
                    lockUser(held);
                },
                () -> lockUser("admin"),
                () -> api.asAdmin()
                        .put(
                                "/api/v1/users/" + demoted,
                                Api.json(Map.of("email", demoted + "@example.com", "role", "USER"))));

        assertThat(answered.status()).isEqualTo(503);
        assertThat(answered.header("Retry-After")).isEqualTo("1");
        assertThat(answered.json().get("detail").asString())
                .isEqualTo("The change met another made at the same moment and was undone; nothing was changed."
                        + " Send it again.");
        assertThat(activeAdmins()).contains(demoted);
    }

    private void lockUser(String username) {
        jdbc.sql("select username from users where username = ? for update")
                .param(username)
                .query(String.class)
                .single();
    }

    private static UserInput demoted(String username) {
        return new UserInput(username, username + "@example.com", null, null, null, Role.USER, true);
    }

    private List<String> activeAdmins() {
        return jdbc.sql("select username from users where role = 'ADMIN' and active order by username")
                .query(String.class)
                .list();
    }
}
