package io.countersign.policy.internal;

import static io.countersign.policy.ApproverSelector.REQUESTER_GROUP_MANAGERS;
import static io.countersign.policy.ApproverSelector.REQUESTER_MANAGER;
import static io.countersign.policy.ApproverSelector.RESOURCE_GROUP_MANAGERS;
import static io.countersign.policy.ApproverSelector.RESOURCE_OWNERS;
import static io.countersign.policy.ApproverSelector.atOrAbove;
import static io.countersign.policy.ApproverSelector.ofGroup;
import static io.countersign.policy.ApproverSelector.ofUser;
import static io.countersign.policy.internal.PolicyBuilder.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.inventory.Resource;
import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.Limits;
import io.countersign.policy.OnTimeout;
import io.countersign.policy.PlannedStep;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.RefusedException;
import io.countersign.shared.Role;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanMakerTests {

    private final TestDirectory directory = new TestDirectory()
            .levels("engineer", "team-lead", "manager", "director")
            .user("lisa", "manager", null)
            .user("tom", "manager", null)
            .user("carol", "director", null)
            .user("sam", "team-lead", null)
            .user("eve", "engineer", null)
            .user("dev", "engineer", "lisa")
            .user("ghost", "director", null)
            .inactive("ghost")
            .group("developers", Set.of("dev", "eve"), Set.of("lisa"))
            .group("security", Set.of("carol", "sam", "eve", "ghost"), Set.of())
            .group("managers", Set.of("lisa", "tom"), Set.of())
            .group("db-team", Set.of("sam"), Set.of("tom", "ghost"))
            .group("sre-oncall", Set.of(), Set.of());
    private final TestInventory inventory = new TestInventory()
            .add(new Resource(
                    "prod-pg",
                    "database",
                    Set.of("db-team"),
                    Map.of("env", "prod"),
                    Set.of("sam", "ghost"),
                    Set.of("root", "rw-admin")));
    private final PlanMaker planner = new PlanMaker(directory, inventory);

    private ApprovalPlan plan(String requester, PolicyBuilder... policies) {
        return planner.plan(requester, "prod-pg", "rw-admin", index(policies));
    }

    private static PolicyIndex index(PolicyBuilder... policies) {
        return PolicyIndex.of(
                Arrays.stream(policies).map(PolicyBuilder::compile).toList());
    }

    private List<String> eligibleFor(io.countersign.policy.ApproverSelector selector) {
        return plan("dev", policy("p").resource("prod-*").step(1, selector))
                .steps()
                .get(0)
                .eligibleApprovers();
    }

    @Test
    void resolvesAUser() {
        assertThat(eligibleFor(ofUser("carol"))).containsExactly("carol");
    }

    @Test
    void resolvesTheActiveMembersOfAGroup() {
        assertThat(eligibleFor(ofGroup("security"))).containsExactly("carol", "eve", "sam");
    }

    @Test
    void resolvesActiveUsersAtOrAboveALevel() {
        assertThat(eligibleFor(atOrAbove("manager"))).containsExactly("carol", "lisa", "tom");
    }

    @Test
    void resolvesTheRequestersManager() {
        assertThat(eligibleFor(REQUESTER_MANAGER)).containsExactly("lisa");
    }

    @Test
    void resolvesTheManagersOfTheRequestersGroups() {
        assertThat(eligibleFor(REQUESTER_GROUP_MANAGERS)).containsExactly("lisa");
    }

    @Test
    void resolvesTheActiveManagersOfTheResourcesGroups() {
        assertThat(eligibleFor(RESOURCE_GROUP_MANAGERS)).containsExactly("tom");
    }

    @Test
    void resolvesTheActiveOwnersOfTheResource() {
        assertThat(eligibleFor(RESOURCE_OWNERS)).containsExactly("sam");
    }

    @Test
    void mergesSeveralSelectorsWithoutDuplicates() {
        var step = plan(
                        "dev",
                        policy("p").resource("prod-*").step(2, ofUser("carol"), ofGroup("managers"), REQUESTER_MANAGER))
                .steps()
                .get(0);

        assertThat(step.eligibleApprovers()).containsExactly("carol", "lisa", "tom");
    }

    @Test
    void aRequesterWithoutManagerHasNoManagerApprover() {
        assertThat(plan("eve", policy("p").resource("prod-*").step(1, REQUESTER_MANAGER))
                        .steps()
                        .get(0)
                        .eligibleApprovers())
                .isEmpty();
    }

    @Test
    void leavesTheRequesterOutOfTheirOwnApproversAndSaysSo() {
        ApprovalPlan plan = plan("eve", policy("p").resource("prod-*").step(1, ofGroup("security")));

        assertThat(plan.steps().get(0).eligibleApprovers()).containsExactly("carol", "sam");
        assertThat(plan.reasons()).anySatisfy(r -> assertThat(r).contains("requester 'eve' is left out"));
    }

    @Test
    void keepsTheRequesterWhenThePolicyAllowsSelfApproval() {
        ApprovalPlan plan =
                plan("eve", policy("p").resource("prod-*").allowSelfApproval().step(1, ofGroup("security")));

        assertThat(plan.steps().get(0).eligibleApprovers()).containsExactly("carol", "eve", "sam");
        assertThat(plan.allowSelfApproval()).isTrue();
    }

    @Test
    void resolvesEscalationApproversWithTheSameExclusions() {
        ApprovalPlan plan = plan(
                "carol",
                policy("p")
                        .resource("prod-*")
                        .escalatingStep(1, Duration.ofMinutes(30), ofUser("lisa"), atOrAbove("director")));

        PlannedStep step = plan.steps().get(0);
        assertThat(step.escalationApprovers()).isEmpty();
        assertThat(step.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(step.onTimeout()).isEqualTo(OnTimeout.ESCALATE);
        assertThat(plan(
                                "dev",
                                policy("p")
                                        .resource("prod-*")
                                        .escalatingStep(
                                                1, Duration.ofMinutes(30), ofUser("lisa"), atOrAbove("director")))
                        .steps()
                        .get(0)
                        .escalationApprovers())
                .containsExactly("carol");
    }

    @Test
    void copiesTheLimitsOfThePolicy() {
        ApprovalPlan plan = plan("dev", policy("p").resource("prod-*").step(1, ofUser("carol")));

        assertThat(plan.limits())
                .isEqualTo(new Limits(Duration.ofHours(1), Duration.ofHours(8), Duration.ofHours(24), false, null));
        assertThat(plan.policyName()).isEqualTo("p");
        assertThat(plan.distinctApproversAcrossSteps()).isTrue();
    }

    @Test
    void aPolicyWithoutStepsApprovesAutomatically() {
        ApprovalPlan plan = plan("dev", policy("readonly").resource("prod-*"));

        assertThat(plan.autoApprovedBecause()).isEqualTo("policy 'readonly' has no approval steps");
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.isFeasible()).isTrue();
    }

    @Test
    void aRequesterInATrustedGroupIsApprovedAutomatically() {
        directory.group("sre-oncall", Set.of("dev"), Set.of());

        ApprovalPlan plan = plan(
                "dev",
                policy("p")
                        .resource("prod-*")
                        .autoApprove(List.of("sre-oncall"), null, false)
                        .step(5, ofUser("carol")));

        assertThat(plan.autoApprovedBecause()).isEqualTo("requester 'dev' is in the trusted group 'sre-oncall'");
        assertThat(plan.problems())
                .as("an auto-approved request needs no approvers")
                .isEmpty();
    }

    @Test
    void aRequesterAtTheMinimumLevelIsApprovedAutomatically() {
        PolicyBuilder p = policy("p")
                .resource("prod-*")
                .autoApprove(List.of(), "manager", false)
                .step(1, ofUser("carol"));

        assertThat(plan("tom", p).autoApprovedBecause())
                .isEqualTo("requester 'tom' has level 'manager', at or above 'manager'");
        assertThat(plan("carol", p).autoApprovedBecause()).contains("'director', at or above 'manager'");
        assertThat(plan("dev", p).autoApprovedBecause()).isNull();
    }

    @Test
    void aRequesterWhoIsAnApproverOfAStepHasThatStepApprovedWhenThePolicySaysSo() {
        PolicyBuilder p = policy("p")
                .resource("prod-*")
                .autoApprove(List.of(), null, true)
                .step("Team", 1, ofGroup("managers"))
                .step("Security", 1, ofGroup("security"));

        ApprovalPlan plan = plan("lisa", p);

        assertThat(plan.autoApprovedBecause()).isNull();
        assertThat(plan.steps().get(0).autoApprovedBecause())
                .contains("requester 'lisa' is an approver of step 1 ('Team')");
        assertThat(plan.steps().get(0).eligibleApprovers()).containsExactly("tom");
        assertThat(plan.steps().get(1).autoApprovedBecause()).isNull();
    }

    @Test
    void withoutThatSettingARequesterWhoIsAnApproverIsOnlyLeftOut() {
        ApprovalPlan plan = plan("lisa", policy("p").resource("prod-*").step(1, ofGroup("managers")));

        assertThat(plan.steps().get(0).autoApprovedBecause()).isNull();
        assertThat(plan.steps().get(0).eligibleApprovers()).containsExactly("tom");
    }

    @Test
    void auditorsAndEnforcementPointsAreNeverEligibleWhicheverSelectorNamesThem() {
        directory.role("carol", Role.AUDITOR).role("tom", Role.ENFORCER);

        assertThat(eligibleFor(ofUser("carol"))).isEmpty();
        assertThat(eligibleFor(ofGroup("security"))).containsExactly("eve", "sam");
        assertThat(eligibleFor(atOrAbove("manager"))).containsExactly("lisa");
        assertThat(eligibleFor(RESOURCE_GROUP_MANAGERS)).isEmpty();
        ApprovalPlan plan = plan("dev", policy("p").resource("prod-*").step("Managers", 2, ofGroup("managers")));
        assertThat(plan.isFeasible()).isFalse();
        assertThat(plan.problems())
                .containsExactly("step 1 ('Managers') needs 2 approvals but has 1 eligible approver");
    }

    @Test
    void reportsAStepWithFewerEligibleApproversThanItRequires() {
        ApprovalPlan plan = plan("dev", policy("p").resource("prod-*").step("Security Review", 4, ofGroup("security")));

        assertThat(plan.isFeasible()).isFalse();
        assertThat(plan.problems())
                .containsExactly("step 1 ('Security Review') needs 4 approvals but has 3 eligible approvers");
    }

    @Test
    void reportsStepsThatDistinctPeopleCannotCoverTogether() {
        ApprovalPlan plan = plan(
                "dev",
                policy("p").resource("prod-*").step(1, ofUser("carol")).step(1, ofUser("carol"), ofUser("ghost")));

        assertThat(plan.problems())
                .containsExactly(
                        "step 1, step 2 need 2 approvals from different people (one person may approve only one"
                                + " step), but only 1 can be given by distinct eligible approvers");
    }

    @Test
    void findsAnAssignmentOfDistinctPeopleWhenOneExists() {
        ApprovalPlan plan = plan(
                "dev",
                policy("p")
                        .resource("prod-*")
                        .step(1, ofUser("carol"), ofUser("sam"))
                        .step(1, ofUser("carol")));

        assertThat(plan.problems()).isEmpty();
    }

    @Test
    void letsOnePersonCoverSeveralStepsWhenThePolicyAllowsIt() {
        ApprovalPlan plan = plan(
                "dev",
                policy("p")
                        .resource("prod-*")
                        .sameApproverMayCoverSeveralSteps()
                        .step(1, ofUser("carol"))
                        .step(1, ofUser("carol")));

        assertThat(plan.problems()).isEmpty();
        assertThat(plan.distinctApproversAcrossSteps()).isFalse();
    }

    @Test
    void skipsAutomaticallyApprovedStepsInTheFeasibilityCheck() {
        ApprovalPlan plan = plan(
                "lisa",
                policy("p")
                        .resource("prod-*")
                        .autoApprove(List.of(), null, true)
                        .step(2, ofUser("lisa"))
                        .step(1, ofUser("carol")));

        assertThat(plan.steps().get(0).autoApprovedBecause()).isNotNull();
        assertThat(plan.problems()).isEmpty();
    }

    @Test
    void explainsWhyThePolicyMatchedAndWhyItBeatTheRunnerUp() {
        ApprovalPlan plan = plan(
                "dev",
                policy("catch-all").resource("*").step(1, ofUser("carol")),
                policy("prod")
                        .resource("prod-*")
                        .account("*-admin")
                        .priority(100)
                        .step(1, ofUser("carol")));

        assertThat(plan.policyName()).isEqualTo("prod");
        assertThat(plan.priority()).isEqualTo(100);
        assertThat(plan.reasons())
                .containsExactly(
                        "resource 'prod-pg' matches 'prod-*'",
                        "account 'rw-admin' matches '*-admin'",
                        "priority 100 beats 'catch-all' (priority 0)");
    }

    @Test
    void saysWhenNoOtherPolicyMatches() {
        ApprovalPlan plan = plan(
                "dev",
                policy("only")
                        .resource("prod-pg")
                        .label("env", "prod")
                        .resourceGroups("db-team")
                        .step(1, ofUser("carol")));

        assertThat(plan.reasons())
                .containsExactly(
                        "resource 'prod-pg' matches 'prod-pg'",
                        "the policy does not restrict the account name",
                        "resource 'prod-pg' is in resource group 'db-team'",
                        "resource 'prod-pg' has the labels {env=prod}",
                        "no other enabled policy matches");
    }

    @Test
    void refusesWhenNoEnabledPolicyMatches() {
        assertThatThrownBy(() -> plan("dev", policy("dev").resource("dev-*").step(1, ofUser("carol"))))
                .isInstanceOfSatisfying(RefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo("no_matching_policy");
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "No enabled policy governs account 'rw-admin' on resource 'prod-pg'; access is refused.");
                });
    }

    @Test
    void anUnknownOrInactiveRequesterIsNotFound() {
        PolicyIndex index = index(policy("p").resource("*").step(1, ofUser("carol")));

        assertThatThrownBy(() -> planner.plan("nobody", "prod-pg", "root", index))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("user 'nobody'");
        assertThatThrownBy(() -> planner.plan("ghost", "prod-pg", "root", index))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("user 'ghost'");
    }

    @Test
    void anUnknownResourceOrAccountIsNotFound() {
        PolicyIndex index = index(policy("p").resource("*").step(1, ofUser("carol")));

        assertThatThrownBy(() -> planner.plan("dev", "nope", "root", index))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("resource 'nope'");
        assertThatThrownBy(() -> planner.plan("dev", "prod-pg", "sa", index))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("account 'sa'");
    }

    @Test
    void acceptsNamesInAnyCase() {
        PolicyIndex index = index(policy("p").resource("prod-*").step(1, ofUser("carol")));

        assertThat(planner.plan("DEV", "Prod-PG", "ROOT", index).policyName()).isEqualTo("p");
    }
}
