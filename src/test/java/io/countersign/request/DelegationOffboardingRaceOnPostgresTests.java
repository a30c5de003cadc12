package io.countersign.request;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A delegation created while its delegator or its delegate is deactivated or given a role that cannot
 * approve, on this instance or another: whichever commits first, no delegation stays in force from or
 * to someone who may not approve, so reactivating them later hands on nothing.
 */
@CountersignTest
@OnPostgres
class DelegationOffboardingRaceOnPostgresTests {

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
    Delegations delegations;

    @Autowired
    Clock clock;

    private String delegator;

    private String delegate;

    @BeforeEach
    void twoApprovers() {
        People people = new People(api);
        delegator = people.user("away");
        delegate = people.user("stand-in");
    }

    @Test
    void aDelegationAskedForWhileTheDelegatorIsBeingDeactivatedIsRefused() throws Exception {
        Api.Response answered = writes.firstThenSecond(
                () -> users.replace(ADMIN, delegator, as(delegator, Role.USER, false)), this::create);

        assertThat(answered.status()).isEqualTo(409);
        users.replace(ADMIN, delegator, as(delegator, Role.USER, true));
        assertThat(inForce()).isZero();
    }

    @Test
    void aDelegationAskedForWhileTheDelegatorBecomesAnAuditorIsRefused() throws Exception {
        Api.Response answered = writes.firstThenSecond(
                () -> users.replace(ADMIN, delegator, as(delegator, Role.AUDITOR, true)), this::create);

        assertThat(answered.status()).isEqualTo(409);
        assertThat(inForce()).isZero();
    }

    @Test
    void aDelegationAskedForWhileTheDelegateIsBeingDeactivatedIsRefused() throws Exception {
        Api.Response answered = writes.firstThenSecond(
                () -> users.replace(ADMIN, delegate, as(delegate, Role.USER, false)), this::create);

        assertThat(answered.status()).isEqualTo(400);
        assertThat(Api.issues(answered)).containsExactly("delegate:unknown_user");
        users.replace(ADMIN, delegate, as(delegate, Role.USER, true));
        assertThat(inForce()).isZero();
    }

    @Test
    void aDelegationCreatedJustBeforeTheDelegatorIsDeactivatedIsEndedByIt() throws Exception {
        Api.Response deactivated = writes.firstThenSecond(this::createHere, () -> replace(delegator, Role.USER, false));

        assertThat(deactivated.status()).isEqualTo(200);
        users.replace(ADMIN, delegator, as(delegator, Role.USER, true));
        assertThat(inForce()).isZero();
    }

    @Test
    void aDelegationCreatedJustBeforeTheDelegateBecomesAnAuditorIsEndedByIt() throws Exception {
        Api.Response changed = writes.firstThenSecond(this::createHere, () -> replace(delegate, Role.AUDITOR, true));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(inForce()).isZero();
    }

    private Api.Response create() {
        return api.asAdmin()
                .post(
                        "/api/v1/users/" + delegator + "/delegations",
                        Api.json(Map.of("delegate", delegate, "until", until().toString())));
    }

    private void createHere() {
        delegations.create(ADMIN, delegator, new DelegationInput(delegate, null, until(), null));
    }

    private Instant until() {
        return clock.instant().plus(Duration.ofDays(3));
    }

    private Api.Response replace(String username, Role role, boolean active) {
        return api.asAdmin()
                .put(
                        "/api/v1/users/" + username,
                        Api.json(Map.of("email", username + "@example.com", "role", role.name(), "active", active)));
    }

    private long inForce() {
        return jdbc.sql("select count(*) from delegations where (delegator = ? or delegate = ?) and ended_at is null")
                .params(delegator, delegator)
                .query(Long.class)
                .single();
    }

    private static UserInput as(String username, Role role, boolean active) {
        return new UserInput(username, username + "@example.com", null, null, null, role, active);
    }
}
