package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.People;
import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.HeldSaves;
import io.countersign.testing.OnPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A token issued while its owner is deactivated, on this instance or another: whichever commits first,
 * no token of the owner's outlives the deactivation, so reactivating the owner gives none back.
 */
@CountersignTest
@OnPostgres
class TokenIssueOffboardingRaceOnPostgresTests {

    private static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, "127.0.0.1");

    @RegisterExtension
    final HeldSaves writes = new HeldSaves();

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Users users;

    @Autowired
    ApiTokens tokens;

    @Test
    void aTokenAskedForWhileTheOwnerIsBeingDeactivatedIsRefusedOnceTheDeactivationCommits() throws Exception {
        String owner = new People(api).user("leaver");

        Api.Response answered = writes.firstThenSecond(
                () -> users.replace(ADMIN, owner, active(owner, false)),
                () -> api.asAdmin().post("/api/v1/users/" + owner + "/tokens", Api.json(Map.of("name", "late"))));

        assertThat(answered.status()).isEqualTo(409);
        users.replace(ADMIN, owner, active(owner, true));
        assertThat(tokensOf(owner)).isZero();
    }

    @Test
    void aTokenIssuedJustBeforeTheDeactivationIsDeletedByIt() throws Exception {
        String owner = new People(api).user("leaver");

        Api.Response deactivated = writes.firstThenSecond(
                () -> tokens.issue(ADMIN, owner, "early", null),
                () -> api.asAdmin()
                        .put(
                                "/api/v1/users/" + owner,
                                Api.json(Map.of("email", owner + "@example.com", "role", "USER", "active", false))));

        assertThat(deactivated.status()).isEqualTo(200);
        users.replace(ADMIN, owner, active(owner, true));
        assertThat(tokensOf(owner)).isZero();
    }

    @Test
    void twoTokensOfOneNameAskedForAtOnceAreIssuedInTurn() throws Exception {
        String owner = new People(api).user("holder");

        Api.Response second = writes.firstThenSecond(
                () -> tokens.issue(ADMIN, owner, "same", null),
                () -> api.asAdmin().post("/api/v1/users/" + owner + "/tokens", Api.json(Map.of("name", "same"))));

        assertThat(second.status()).isEqualTo(409);
        assertThat(tokensOf(owner)).isOne();
    }

    private long tokensOf(String owner) {
        return jdbc.sql("select count(*) from api_tokens where username = ?")
                .param(owner)
                .query(Long.class)
                .single();
    }

    private static UserInput active(String username, boolean active) {
        return new UserInput(username, username + "@example.com", null, null, null, Role.USER, active);
    }
}
