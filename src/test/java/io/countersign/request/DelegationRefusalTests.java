package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.Race;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delegations that would loop, overlap, name nobody, start in the past or come from someone who may
 * not make them are refused.
 */
@CountersignTest
class DelegationRefusalTests extends DelegationTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void loopsSelfDelegationUnknownDelegatesAndBadGlobsAreRefused() {
        delegate(lisa, sam, Map.of()).expect(201);
        Api.Response loop = delegate(sam, lisa, Map.of()).expect(400);
        assertThat(loop.body()).contains("\"cycle\"");
        assertThat(delegate(lisa, lisa, Map.of()).expect(400).body()).contains("\"self\"");
        assertThat(api.as(lisa.token())
                        .post(
                                "/api/v1/users/" + lisa.name() + "/delegations",
                                Api.json(Map.of("delegate", "nobody-" + lisa.name(), "resources", List.of("[x"))))
                        .expect(400)
                        .body())
                .contains("unknown_user")
                .contains("\"until\"")
                .contains("resources[0]");
    }

    @Test
    void aResourceGlobGivenTwiceInAnyCaseIsRefused() {
        Api.Response twice = delegate(lisa, sam, Map.of("resources", List.of("k8s-*", "K8S-*")))
                .expect(400);

        assertThat(twice.json().get("errors").get(0).get("field").asString()).isEqualTo("resources[1]");
        assertThat(twice.json().get("errors").get(0).get("code").asString()).isEqualTo("duplicate");
        assertThat(api.as(lisa.token())
                        .get("/api/v1/users/" + lisa.name() + "/delegations")
                        .json())
                .isEmpty();
    }

    @Test
    void aUserLearnsNoOtherUsersRoleFromARefusedDelegate() {
        Person auditor = org.person("auditor", "AUDITOR");
        Api.Response toAuditor = delegate(lisa, auditor, Map.of()).expect(400);
        Api.Response toNobody = api.as(lisa.token())
                .post(
                        "/api/v1/users/" + lisa.name() + "/delegations",
                        Api.json(Map.of(
                                "delegate",
                                "nobody-" + lisa.name(),
                                "until",
                                clock.instant().plus(Duration.ofDays(1)).toString())))
                .expect(400);

        assertThat(toAuditor.json().get("errors")).isEqualTo(toNobody.json().get("errors"));
        assertThat(toAuditor.body()).doesNotContain("role");
    }

    @Test
    void delegationsSentTogetherNeverFormALoop() throws Exception {
        List<Integer> answers;
        try (Race race = new Race(2)) {
            answers = race.run(List.of(
                    () -> delegate(lisa, sam, Map.of()).status(),
                    () -> delegate(sam, lisa, Map.of()).status()));
        }

        assertThat(answers).containsExactlyInAnyOrder(201, 400);
    }

    @Test
    void aSecondDelegationToTheSamePersonForAnOverlappingPeriodIsAConflict() {
        delegate(lisa, tom, Map.of()).expect(201);

        Api.Response again = delegate(lisa, tom, Map.of()).expect(409);
        Api.Response later = delegate(
                        lisa,
                        tom,
                        Map.of("from", clock.instant().plus(Duration.ofDays(1)).toString()))
                .expect(409);

        assertThat(again.json().get("detail").asString()).contains("already delegates to '" + tom.name() + "'");
        assertThat(later.status()).isEqualTo(409);
        assertThat(api.as(lisa.token())
                        .get("/api/v1/users/" + lisa.name() + "/delegations")
                        .json())
                .hasSize(1);
        delegate(
                        lisa,
                        tom,
                        Map.of(
                                "from",
                                clock.instant().plus(Duration.ofDays(4)).toString(),
                                "until",
                                clock.instant().plus(Duration.ofDays(5)).toString()))
                .expect(201);
    }

    @Test
    void anUnknownFieldAndValuesOfTheWrongTypeAreReportedWithTheOtherProblemsAndDelegateNothing() {
        Api.Response response = api.as(lisa.token())
                .post(
                        "/api/v1/users/" + lisa.name() + "/delegations",
                        "{\"delegate\":\"nobody-" + lisa.name() + "\",\"from\":true,\"until\":\""
                                + clock.instant().plus(Duration.ofDays(3)) + "\","
                                + "\"resources\":{\"pasted-secret-6e0d\":1},\"reason\":\"holiday\"}");

        assertThat(Api.issues(response.expect(400)))
                .containsExactlyInAnyOrder(
                        "delegate:unknown_user", "from:invalid_type", "resources:invalid_type", "reason:unknown_field");
        assertThat(response.body()).doesNotContain("pasted-secret-6e0d");
        assertThat(delegations(lisa)).isEmpty();
    }

    @Test
    void aBodyWithSeveralProblemsListsEveryOneOfThemAndDelegatesNothing() {
        int timers = delegationStartTimers();

        Api.Response response = api.as(lisa.token())
                .post(
                        "/api/v1/users/" + lisa.name() + "/delegations",
                        "{\"until\":\"next week\",\"reason\":\"holiday\"}");

        assertThat(Api.issues(response.expect(400)))
                .containsExactlyInAnyOrder("delegate:required", "until:invalid_value", "reason:unknown_field");
        assertThat(response.body()).doesNotContain("next week");
        assertThat(delegations(lisa)).isEmpty();
        assertThat(delegationStartTimers()).isEqualTo(timers);
    }

    @Test
    void aTimeThatCannotBeReadIsReportedWithTheChecksOfTheNamedDelegate() {
        Api.Response self = delegate(lisa, lisa, Map.of("from", "tomorrow"));

        assertThat(Api.issues(self.expect(400))).containsExactlyInAnyOrder("delegate:self", "from:invalid_value");
        assertThat(delegations(lisa)).isEmpty();
    }

    @Test
    void aDelegationWhoseOnlyProblemIsAnUnknownFieldIsNeitherSavedNorScheduled() {
        int timers = delegationStartTimers();

        Api.Response response = delegate(
                lisa,
                sam,
                Map.of("from", clock.instant().plus(Duration.ofDays(1)).toString(), "reason", "holiday"));

        assertThat(Api.issues(response.expect(400))).containsExactly("reason:unknown_field");
        assertThat(delegations(lisa)).isEmpty();
        assertThat(delegationStartTimers()).isEqualTo(timers);
    }

    private List<?> delegations(Person person) {
        return api
                .as(person.token())
                .get("/api/v1/users/" + person.name() + "/delegations")
                .expect(200)
                .json()
                .values()
                .stream()
                .toList();
    }

    private int delegationStartTimers() {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = ?")
                .param(DelegationStarts.TASK)
                .query(Integer.class)
                .single();
    }

    @Test
    void aDelegateNamedWithControlCharactersIsRefusedAsUnknown() {
        // PostgreSQL refuses a NUL in a text parameter: the name must be refused before any lookup
        for (String delegate : List.of(sam.name() + "\u0000", "\u0000", sam.name() + "\u001b[2J")) {
            assertThat(api.as(lisa.token())
                            .post(
                                    "/api/v1/users/" + lisa.name() + "/delegations",
                                    Api.json(Map.of("delegate", delegate, "until", "2099-01-01T00:00:00Z")))
                            .expect(400)
                            .body())
                    .contains("unknown_user");
        }
        assertThat(api.as(lisa.token())
                        .get("/api/v1/users/" + lisa.name() + "/delegations")
                        .expect(200)
                        .json())
                .isEmpty();
    }

    @Test
    void onlyTheUserOrAnAdministratorManagesTheirDelegations() {
        String delegation =
                delegate(lisa, sam, Map.of()).expect(201).json().get("id").asString();

        api.as(tom.token()).get("/api/v1/users/" + lisa.name() + "/delegations").expect(404);
        api.as(tom.token())
                .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                .expect(404);
        // someone else's delegations are not theirs to manage, as tokens and subscriptions are not: an
        // auditor, who sees lisa, is told so; to an enforcement point lisa is unknown
        for (String role : List.of("AUDITOR", "ENFORCER")) {
            Person other = org.person(role.toLowerCase(), role);
            int refused = role.equals("AUDITOR") ? 403 : 404;
            Api.Response read = api.as(other.token())
                    .get("/api/v1/users/" + lisa.name() + "/delegations")
                    .expect(refused);
            api.as(other.token())
                    .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                    .expect(refused);
            if (refused == 403) {
                assertThat(read.json().get("detail").asString())
                        .isEqualTo("Only '" + lisa.name() + "' and administrators manage the delegations of '"
                                + lisa.name() + "'.");
            }
            api.as(other.token())
                    .get("/api/v1/users/" + other.name() + "/delegations")
                    .expect(200);
        }
        api.asAdmin()
                .post(
                        "/api/v1/users/" + tom.name() + "/delegations",
                        Api.json(Map.of(
                                "delegate",
                                sam.name(),
                                "until",
                                clock.instant().plusSeconds(3600).toString())))
                .expect(201);
        api.asAdmin()
                .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                .expect(204);
    }

    @Test
    void onlyAnActiveApproverDelegatesAndNotIntoThePast() {
        var backdated = delegate(
                lisa,
                sam,
                Map.of("from", clock.instant().minus(Duration.ofDays(400)).toString()));
        assertThat(backdated.expect(400).json().get("errors").get(0).get("code").asString())
                .isEqualTo("in_the_past");

        Person auditor = org.person("auditor", "AUDITOR");
        api.asAdmin()
                .post(
                        "/api/v1/users/" + auditor.name() + "/delegations",
                        Api.json(Map.of(
                                "delegate", sam.name(),
                                "until",
                                        clock.instant().plus(Duration.ofDays(1)).toString())))
                .expect(409);
        api.deactivate(tom.name());
        api.asAdmin()
                .post(
                        "/api/v1/users/" + tom.name() + "/delegations",
                        Api.json(Map.of(
                                "delegate", sam.name(),
                                "until",
                                        clock.instant().plus(Duration.ofDays(1)).toString())))
                .expect(409);
    }
}
