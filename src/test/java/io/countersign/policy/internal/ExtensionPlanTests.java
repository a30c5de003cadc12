package io.countersign.policy.internal;

import static io.countersign.policy.ApproverSelector.ofUser;
import static io.countersign.policy.internal.PolicyBuilder.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.inventory.Resource;
import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyDefinition.Step;
import io.countersign.shared.FieldIssue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the policy governing a grant's resource and account decides an extension of it. */
class ExtensionPlanTests {

    private final TestDirectory directory = new TestDirectory()
            .levels("engineer", "manager")
            .user("lisa", "manager", null)
            .user("carol", "manager", null)
            .user("dev", "engineer", "lisa");
    private final PlanMaker planner = new PlanMaker(
            directory,
            new TestInventory()
                    .add(new Resource("prod-pg", "database", Set.of(), Map.of(), Set.of(), Set.of("rw-admin"))));

    private ApprovalPlan extension(PolicyBuilder policy) {
        return planner.planExtension("dev", "prod-pg", "rw-admin", PolicyIndex.of(List.of(policy.compile())));
    }

    @Test
    void withoutAnExtensionBlockTheOwnStepsDecideUpToTheMaximumDuration() {
        ApprovalPlan plan = extension(policy("p").resource("prod-*").step(1, ofUser("lisa")));

        assertThat(plan.steps())
                .singleElement()
                .satisfies(s -> assertThat(s.eligibleApprovers()).containsExactly("lisa"));
        assertThat(plan.limits().maxTotalDuration()).isEqualTo(PolicyDefinition.DEFAULT_MAX_DURATION);
        assertThat(plan.reasons()).anyMatch(r -> r.contains("the policy's own steps"));
    }

    @Test
    void theExtensionStepsDecideWhenThePolicyHasThem() {
        ApprovalPlan plan = extension(policy("p")
                .resource("prod-*")
                .step(1, ofUser("lisa"))
                .extension(Duration.ofHours(12), Step.of("On-call lead", 1, ofUser("carol"))));

        assertThat(plan.steps()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("On-call lead");
            assertThat(s.eligibleApprovers()).containsExactly("carol");
        });
        assertThat(plan.limits().maxTotalDuration()).isEqualTo(Duration.ofHours(12));
        assertThat(plan.reasons()).anyMatch(r -> r.contains("extension steps, up to PT12H"));
    }

    @Test
    void anExtensionBlockWithoutStepsKeepsTheOwnStepsAndRaisesTheTotal() {
        ApprovalPlan plan =
                extension(policy("p").resource("prod-*").step(1, ofUser("lisa")).extension(Duration.ofHours(24)));

        assertThat(plan.steps().get(0).eligibleApprovers()).containsExactly("lisa");
        assertThat(plan.limits().maxTotalDuration()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void emptyExtensionStepsFallBackToTheOwnSteps() {
        PolicyBuilder policy = policy("p").resource("prod-*").step(1, ofUser("lisa"));
        ApprovalPlan plan = planner.planExtension(
                "dev",
                "prod-pg",
                "rw-admin",
                PolicyIndex.of(List.of(CompiledPolicy.of(withExtension(
                        policy.build(), new PolicyDefinition.Extension(Duration.ofHours(12), List.of()))))));

        assertThat(plan.autoApprovedBecause()).isNull();
        assertThat(plan.steps().get(0).eligibleApprovers()).containsExactly("lisa");
    }

    @Test
    void theExtensionStepsDecideEvenForARequesterTheAutoApprovalRulesTrust() {
        PolicyBuilder policy = policy("p")
                .resource("prod-*")
                .autoApprove(List.of(), "engineer", true)
                .step(1, ofUser("lisa"))
                .extension(Duration.ofHours(12), Step.of(null, 1, ofUser("carol"), ofUser("dev")));

        ApprovalPlan extension = extension(policy);
        ApprovalPlan access = planner.plan("dev", "prod-pg", "rw-admin", PolicyIndex.of(List.of(policy.compile())));

        assertThat(access.autoApprovedBecause()).contains("at or above 'engineer'");
        assertThat(extension.autoApprovedBecause()).isNull();
        assertThat(extension.steps()).singleElement().satisfies(s -> {
            assertThat(s.autoApprovedBecause()).isNull();
            assertThat(s.eligibleApprovers()).containsExactly("carol");
        });
        assertThat(extension.problems()).isEmpty();
    }

    @Test
    void aRequestForNewAccessStillFollowsTheOwnSteps() {
        ApprovalPlan plan = planner.plan(
                "dev",
                "prod-pg",
                "rw-admin",
                PolicyIndex.of(List.of(policy("p")
                        .resource("prod-*")
                        .step(1, ofUser("lisa"))
                        .extension(Duration.ofHours(12), Step.of(null, 1, ofUser("carol")))
                        .compile())));

        assertThat(plan.steps().get(0).eligibleApprovers()).containsExactly("lisa");
    }

    @Test
    void aMaximumTotalShorterThanTheMaximumDurationIsRefused() {
        PolicyDefinition policy = withExtension(
                policy("p").resource("prod-*").step(1, ofUser("lisa")).build(),
                new PolicyDefinition.Extension(Duration.ofHours(2), null));

        assertThat(new PolicyValidator(directory).validate(policy, ""))
                .extracting(FieldIssue::field, FieldIssue::code)
                .contains(org.assertj.core.groups.Tuple.tuple("extension.maxTotalDuration", "below_maximum"));
    }

    @Test
    void extensionStepsAreValidatedUnderTheirOwnPath() {
        PolicyDefinition policy = withExtension(
                policy("p").resource("prod-*").step(1, ofUser("lisa")).build(),
                new PolicyDefinition.Extension(Duration.ofHours(12), List.of(Step.of(null, 1, ofUser("nobody")))));

        assertThat(new PolicyValidator(directory).validate(policy, ""))
                .extracting(FieldIssue::field)
                .anyMatch(field -> field.startsWith("extension.steps[0]"));
    }

    private static PolicyDefinition withExtension(PolicyDefinition p, PolicyDefinition.Extension extension) {
        return PolicyNormalizer.normalize(new PolicyDefinition(
                p.name(),
                p.enabled(),
                p.priority(),
                p.conditions(),
                p.defaultDuration(),
                p.maxDuration(),
                p.requestTtl(),
                p.requireJustification(),
                p.ticketPattern(),
                p.allowSelfApproval(),
                p.distinctApproversAcrossSteps(),
                p.autoApprove(),
                p.steps(),
                extension,
                p.startOnFirstUse(),
                p.claimWindow()));
    }
}
