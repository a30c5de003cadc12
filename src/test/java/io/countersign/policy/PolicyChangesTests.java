package io.countersign.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.policy.PolicyDefinition.Conditions;
import io.countersign.policy.PolicyDefinition.Step;
import io.countersign.policy.internal.PolicyNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The note of {@code policy.updated} says what changed, field by field, and never only how it ends up. */
class PolicyChangesTests {

    private static PolicyDefinition policy(Step... steps) {
        return PolicyNormalizer.normalize(
                PolicyDefinition.of("zzz-access", Conditions.on("zzz", null), List.of(steps)));
    }

    private static String note(PolicyDefinition before, PolicyDefinition after) {
        return new PolicyUpdated(null, before, after).note();
    }

    @Test
    void aStepWhoseApproversMoveToAnotherGroupNamesBothGroups() {
        PolicyDefinition before = policy(
                Step.of("Lead", 1, ApproverSelector.REQUESTER_MANAGER),
                Step.of("DBA", 1, ApproverSelector.ofGroup("a")));
        PolicyDefinition after = policy(
                Step.of("Lead", 1, ApproverSelector.REQUESTER_MANAGER),
                Step.of("DBA", 1, ApproverSelector.ofGroup("b")));

        assertThat(note(before, after)).isEqualTo("changed step 2 approvers: group a → group b");
    }

    @Test
    void stepsAddedAndFieldsChangedAreNamedAndAnUnchangedPolicyChangesNothing() {
        PolicyDefinition before = policy(Step.of("Lead", 1, ApproverSelector.ofUser("carol")));
        PolicyDefinition after = PolicyNormalizer.normalize(new PolicyDefinition(
                "zzz-access",
                false,
                5,
                new Conditions("zzz", null, List.of(), List.of(), List.of("dev"), java.util.Map.of("env", "prod")),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(
                        Step.of("Lead", 2, ApproverSelector.ofUser("carol")),
                        Step.of("Owners", 1, ApproverSelector.RESOURCE_OWNERS))));

        assertThat(note(before, after))
                .isEqualTo("changed enabled true → false, priority 0 → 5, conditions.requesterGroups (added dev),"
                        + " conditions.labels.env none → prod, step 1 requiredApprovals: 1 → 2, step 2 added");
        assertThat(note(before, before)).isEqualTo("no change");
    }
}
