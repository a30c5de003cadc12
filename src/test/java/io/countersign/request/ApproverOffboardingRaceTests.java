package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.grant.Grants;
import io.countersign.request.Organisation.Person;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.HeldSaves;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A request opened, or an extension asked, while one of its approvers is being deactivated, deleted or
 * given a role that does not approve: whichever commits first, the person who left holds no place on
 * it (docs/adr/0046).
 * Runs on H2 here and on PostgreSQL in {@link ApproverOffboardingRaceOnPostgresTests}.
 */
@CountersignTest
class ApproverOffboardingRaceTests {

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
    Requests requests;

    @Autowired
    Grants grants;

    private Person dev;
    private Person lisa;
    private Person tom;
    private String lisaId;
    private String resource;

    @BeforeEach
    void aPolicyWithTwoApprovers() {
        Organisation org = new Organisation(api);
        dev = org.person("dev");
        lisa = org.person("lisa");
        tom = org.person("tom");
        resource = org.resource();
        // through a group, so that lisa may also be deleted: a policy naming her would keep her
        org.policy(resource, List.of(Organisation.groupStep("Review", 1, org.group(lisa, tom))));
        lisaId = jdbc.sql("select id from users where username = ?")
                .param(lisa.name())
                .query(String.class)
                .single();
    }

    @Test
    void aRequestOpenedWhileAnApproverIsBeingDeactivatedGivesThemNoPlace() throws Exception {
        Api.Response opened =
                writes.firstThenSecond(() -> users.replace(ADMIN, lisa.name(), as(Role.USER, false)), this::open);

        assertThat(opened.status()).isEqualTo(201);
        assertThat(placesOfLisa(opened.json().get("id").asString())).isZero();
    }

    @Test
    void aRequestOpenedWhileAnApproverBecomesAnAuditorGivesThemNoPlace() throws Exception {
        Api.Response opened =
                writes.firstThenSecond(() -> users.replace(ADMIN, lisa.name(), as(Role.AUDITOR, true)), this::open);

        assertThat(opened.status()).isEqualTo(201);
        assertThat(placesOfLisa(opened.json().get("id").asString())).isZero();
    }

    @Test
    void aRequestOpenedWhileAnApproverIsBeingDeletedGivesThemNoPlace() throws Exception {
        Api.Response opened = writes.firstThenSecond(() -> users.delete(ADMIN, lisa.name()), this::open);

        assertThat(opened.status()).isEqualTo(201);
        assertThat(placesOfLisa(opened.json().get("id").asString())).isZero();
    }

    @Test
    void aDeactivationOfAnApproverWhileARequestIsBeingOpenedTakesTheirPlace() throws Exception {
        String[] id = new String[1];
        Api.Response deactivated = writes.firstThenSecond(() -> id[0] = openHere(), () -> replace(Role.USER, false));

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(placesOfLisa(id[0])).isZero();
    }

    @Test
    void aRoleChangeOfAnApproverWhileARequestIsBeingOpenedTakesTheirPlace() throws Exception {
        String[] id = new String[1];
        Api.Response changed = writes.firstThenSecond(() -> id[0] = openHere(), () -> replace(Role.AUDITOR, true));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(placesOfLisa(id[0])).isZero();
    }

    @Test
    void anExtensionAskedWhileAnApproverIsBeingDeactivatedGivesThemNoPlace() throws Exception {
        String grantId = grantOfDev();

        Api.Response asked = writes.firstThenSecond(
                () -> users.replace(ADMIN, lisa.name(), as(Role.USER, false)), () -> extend(grantId));

        assertThat(asked.status()).isEqualTo(201);
        assertThat(placesOfLisa(asked.json().get("id").asString())).isZero();
    }

    @Test
    void anExtensionAskedWhileAnApproverIsBeingDeletedGivesThemNoPlace() throws Exception {
        String grantId = grantOfDev();

        Api.Response asked = writes.firstThenSecond(() -> users.delete(ADMIN, lisa.name()), () -> extend(grantId));

        assertThat(asked.status()).isEqualTo(201);
        assertThat(placesOfLisa(asked.json().get("id").asString())).isZero();
    }

    @Test
    void aDeactivationOfAnApproverWhileAnExtensionIsBeingAskedTakesTheirPlace() throws Exception {
        String grantId = grantOfDev();
        String[] id = new String[1];
        Api.Response deactivated =
                writes.firstThenSecond(() -> id[0] = extendHere(grantId), () -> replace(Role.USER, false));

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(placesOfLisa(id[0])).isZero();
    }

    /** A grant of dev's in force, approved by tom, so that lisa is among the approvers of its extension. */
    private String grantOfDev() {
        String requestId = open().expect(201).json().get("id").asString();
        return api.as(tom.token())
                .post("/api/v1/requests/" + requestId + "/approve", null)
                .expect(200)
                .json()
                .get("grant")
                .get("id")
                .asString();
    }

    private Api.Response extend(String grantId) {
        return api.as(dev.token()).post("/api/v1/grants/" + grantId + "/extend", Api.json(Map.of("duration", "PT1H")));
    }

    private String extendHere(String grantId) {
        Actor holder = new Actor(dev.name(), Role.USER, Channel.API, "127.0.0.1");
        return grants.extend(holder, grantId, Duration.ofHours(1), null, null).id();
    }

    private Api.Response open() {
        return api.as(dev.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of("resource", resource, "account", "admin", "duration", "PT1H")));
    }

    private String openHere() {
        Actor requester = new Actor(dev.name(), Role.USER, Channel.API, "127.0.0.1");
        return requests.create(
                        requester,
                        new RequestInput(resource, "admin", Duration.ofHours(1), null, null, null, null),
                        null)
                .request()
                .id();
    }

    private Api.Response replace(Role role, boolean active) {
        return api.asAdmin()
                .put(
                        "/api/v1/users/" + lisa.name(),
                        Api.json(Map.of("email", lisa.name() + "@example.com", "role", role.name(), "active", active)));
    }

    /** Lisa's places on the request, the current step's and any later's, as approver or escalation. */
    private long placesOfLisa(String requestId) {
        return jdbc.sql("select count(*) from request_step_approvers where request_id = ? and user_id = ?")
                .params(requestId, lisaId)
                .query(Long.class)
                .single();
    }

    private UserInput as(Role role, boolean active) {
        return new UserInput(lisa.name(), lisa.name() + "@example.com", null, null, null, role, active);
    }
}
