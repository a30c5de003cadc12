package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Snapshots stored as text and read back: each its own, and none changeable by a reader. */
class StoredPlanTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The text a request stores for a one-step plan, under the policy name given. */
    private static String stored(String policy, String approver) {
        String text = JSON.writeValueAsString(PlanSnapshot.of(Plans.plan(Plans.step("Leads", 1, approver))));
        return text.replace("\"policyName\":\"prod-db\"", "\"policyName\":\"" + policy + "\"");
    }

    @Test
    void eachStoredTextReadsAsTheSnapshotItHolds() {
        String first = stored("db-prod", "lisa");
        String second = stored("db-staging", "carol");

        PlanSnapshot readFirst = StoredPlans.plan(first);
        PlanSnapshot readSecond = StoredPlans.plan(second);
        PlanSnapshot readFirstAgain = StoredPlans.plan(new String(first.toCharArray()));

        assertThat(readFirst.policyName()).isEqualTo("db-prod");
        assertThat(readFirst.steps().get(0).eligibleApprovers()).containsExactly("lisa");
        assertThat(readSecond.policyName()).isEqualTo("db-staging");
        assertThat(readSecond.steps().get(0).eligibleApprovers()).containsExactly("carol");
        assertThat(readFirstAgain).isEqualTo(readFirst);
    }

    @Test
    void aSnapshotReadBackCannotBeChangedForTheNextReader() {
        PlanSnapshot plan = StoredPlans.plan(stored("db-prod", "lisa"));
        PlanSnapshot.Step step = plan.steps().get(0);

        assertThatThrownBy(() -> plan.steps().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> step.eligibleApprovers().add("mallory"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> plan.reasons().add("forged")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(StoredPlans.plan(stored("db-prod", "lisa")).steps().get(0).eligibleApprovers())
                .containsExactly("lisa");
    }

    @Test
    void listsAbsentFromAnOlderSnapshotStayAbsent() {
        ObjectNode older = (ObjectNode) JSON.readTree(stored("legacy", "lisa"));
        ObjectNode step = (ObjectNode) older.get("steps").get(0);
        step.remove("notifyChannels");
        step.remove("escalationApprovers");

        PlanSnapshot plan = StoredPlans.plan(JSON.writeValueAsString(older));

        assertThat(plan.policyName()).isEqualTo("legacy");
        assertThat(plan.defaultDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(plan.steps().get(0).notifyChannels()).isNull();
        assertThat(plan.steps().get(0).escalationApprovers()).isNull();
        assertThat(plan.steps().get(0).eligibleApprovers()).isEqualTo(List.of("lisa"));
    }

    @Test
    void eachPlanIsStoredAsItsOwnTextWhichReadsBackAsThePlan() {
        PlanSnapshot lisa = PlanSnapshot.of(Plans.plan(Plans.step("Leads", 1, "lisa")));
        PlanSnapshot carol = PlanSnapshot.of(Plans.plan(Plans.step("Leads", 1, "carol")));

        String text = StoredPlans.text(lisa);

        assertThat(text).isEqualTo(JSON.writeValueAsString(lisa));
        assertThat(StoredPlans.text(PlanSnapshot.of(Plans.plan(Plans.step("Leads", 1, "lisa")))))
                .isEqualTo(text);
        assertThat(StoredPlans.text(carol))
                .isEqualTo(JSON.writeValueAsString(carol))
                .isNotEqualTo(text);
        assertThat(StoredPlans.plan(text)).isEqualTo(lisa);
    }
}
