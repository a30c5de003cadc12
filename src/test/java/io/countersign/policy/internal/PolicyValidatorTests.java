package io.countersign.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.countersign.policy.ApproverSelector;
import io.countersign.policy.OnTimeout;
import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyDefinition.AutoApprove;
import io.countersign.policy.PolicyDefinition.Conditions;
import io.countersign.policy.PolicyDefinition.Step;
import io.countersign.shared.FieldIssue;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyValidatorTests {

    private final TestDirectory directory = new TestDirectory()
            .levels("engineer", "manager", "director")
            .user("carol")
            .group("security", Set.of("carol"), Set.of());
    private final PolicyValidator validator = new PolicyValidator(directory);

    private List<FieldIssue> validate(PolicyDefinition input) {
        return validator.validate(PolicyNormalizer.normalize(input), "");
    }

    private static PolicyDefinition valid() {
        return PolicyDefinition.of(
                "prod",
                Conditions.on("prod-*", null),
                List.of(Step.of("Review", 1, ApproverSelector.ofGroup("security"))));
    }

    private static PolicyDefinition labelled(Map<String, String> labels) {
        PolicyDefinition p = valid();
        Conditions on = p.conditions();
        return PolicyDefinition.of(
                p.name(),
                new Conditions(on.resourceName(), on.accountName(), List.of(), List.of(), List.of(), labels),
                p.steps());
    }

    @Test
    void labelKeysAreLowerCasedAsAResourcesAre() {
        PolicyDefinition normal = PolicyNormalizer.normalize(labelled(Map.of("Env", "Prod")));

        assertThat(normal.conditions().labels()).containsExactly(Map.entry("env", "Prod"));
        assertThat(validate(labelled(Map.of("Env", "Prod")))).isEmpty();
    }

    @Test
    void labelKeysThatRepeatInAnotherCaseOrNoResourceCanHaveAreRefused() {
        Map<String, String> repeated = new java.util.LinkedHashMap<>();
        repeated.put("env", "prod");
        repeated.put("ENV", "dev");

        assertThat(validate(labelled(repeated)))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(tuple("conditions.labels.ENV", "duplicate"));
        assertThat(validate(labelled(Map.of("app.kubernetes.io/name", "pg"))))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(tuple("conditions.labels.app.kubernetes.io/name", "invalid_name"));
    }

    @Test
    void aLabelValueNoResourceCanHaveIsRefusedAsOnAResource() {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("env", "prod\nstaging");
        labels.put("tier", "x".repeat(257));
        labels.put("zone", null);

        assertThat(validate(labelled(labels)))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(
                        tuple("conditions.labels.env", "invalid_character"),
                        tuple("conditions.labels.tier", "too_long"),
                        tuple("conditions.labels.zone", "required"));
    }

    @Test
    void acceptsAValidPolicy() {
        assertThat(validate(valid())).isEmpty();
    }

    @Test
    void acceptsTheExampleOfTheApiContract() {
        PolicyDefinition example = new PolicyDefinition(
                "production-db-approval",
                true,
                100,
                new Conditions("prod-*", "*-admin", List.of(), List.of(), List.of(), Map.of()),
                Duration.ofHours(1),
                Duration.ofHours(4),
                Duration.ofHours(24),
                true,
                "^(INC|CHG)-[0-9]+$",
                false,
                true,
                new AutoApprove(List.of("security"), "director", false),
                List.of(
                        new Step(
                                "Manager Review",
                                List.of(ApproverSelector.ofGroup("security")),
                                1,
                                Duration.ofMinutes(30),
                                OnTimeout.REJECT,
                                List.of()),
                        new Step(
                                "Security Review",
                                List.of(ApproverSelector.ofGroup("security"), ApproverSelector.ofUser("carol")),
                                2,
                                Duration.ofHours(2),
                                OnTimeout.ESCALATE,
                                List.of(ApproverSelector.atOrAbove("director")))));

        assertThat(validate(example)).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnceWithItsPath() {
        PolicyDefinition bad = new PolicyDefinition(
                "Bad Name!",
                null,
                null,
                new Conditions(null, null, List.of("nope"), List.of(), List.of(), Map.of()),
                Duration.ofHours(10),
                Duration.ofHours(2),
                Duration.ZERO,
                null,
                "([",
                null,
                null,
                new AutoApprove(List.of(), "emperor", false),
                List.of(
                        new Step(null, List.of(ApproverSelector.ofGroup("ghosts")), 0, null, null, List.of()),
                        new Step(
                                null,
                                List.of(new ApproverSelector("carol", "security", null, null, null, null, null)),
                                101,
                                null,
                                OnTimeout.ESCALATE,
                                List.of())));

        assertThat(validate(bad))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactlyInAnyOrder(
                        tuple("name", "invalid_name"),
                        tuple("conditions.resourceName", "required"),
                        tuple("conditions.resourceGroups[0]", "unknown_group"),
                        tuple("defaultDuration", "above_maximum"),
                        tuple("requestTtl", "not_positive"),
                        tuple("ticketPattern", "invalid_pattern"),
                        tuple("autoApprove.minLevel", "unknown_level"),
                        tuple("steps[0].approvers[0].group", "unknown_group"),
                        tuple("steps[0].requiredApprovals", "out_of_range"),
                        tuple("steps[1].approvers[0]", "one_key_required"),
                        tuple("steps[1].requiredApprovals", "out_of_range"),
                        tuple("steps[1].timeout", "required"),
                        tuple("steps[1].escalateTo", "required"));
    }

    @Test
    void prefixesEveryPathForTheCaller() {
        PolicyDefinition bad = PolicyDefinition.of(
                "ok", Conditions.on("prod-*", null), List.of(Step.of(null, 1, ApproverSelector.ofUser("nobody"))));

        assertThat(validator.validate(PolicyNormalizer.normalize(bad), "policies[3]"))
                .extracting(FieldIssue::field)
                .containsExactly("policies[3].steps[0].approvers[0].user");
    }

    @Test
    void requiresConditionsAndSteps() {
        assertThat(validate(PolicyDefinition.of("p", null, null)))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(tuple("conditions", "required"), tuple("steps", "required"));
    }

    @Test
    void acceptsAnExplicitlyEmptyListOfSteps() {
        assertThat(validate(PolicyDefinition.of("auto", Conditions.on(null, "readonly"), List.of())))
                .isEmpty();
    }

    @Test
    void checksGlobSyntaxOfBothPatterns() {
        assertThat(validate(PolicyDefinition.of("p", Conditions.on("prod-**", "a b"), List.of())))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(
                        tuple("conditions.resourceName", "invalid_glob"),
                        tuple("conditions.accountName", "invalid_glob"));
    }

    @Test
    void checksEverySelectorKindAndItsReferences() {
        List<ApproverSelector> selectors = List.of(
                ApproverSelector.ofUser("carol"),
                ApproverSelector.ofUser("mallory"),
                ApproverSelector.ofGroup("security"),
                ApproverSelector.atOrAbove("manager"),
                ApproverSelector.atOrAbove("king"),
                ApproverSelector.REQUESTER_MANAGER,
                ApproverSelector.REQUESTER_GROUP_MANAGERS,
                ApproverSelector.RESOURCE_GROUP_MANAGERS,
                ApproverSelector.RESOURCE_OWNERS,
                new ApproverSelector(null, null, null, false, null, null, null),
                new ApproverSelector(null, null, null, null, null, null, null));
        PolicyDefinition p = PolicyDefinition.of(
                "p", Conditions.on("x", null), List.of(new Step(null, selectors, 1, null, null, null)));

        assertThat(validate(p))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(
                        tuple("steps[0].approvers[1].user", "unknown_user"),
                        tuple("steps[0].approvers[4].minLevel", "unknown_level"),
                        tuple("steps[0].approvers[9].requesterManager", "must_be_true"),
                        tuple("steps[0].approvers[10]", "one_key_required"));
    }

    @Test
    void aTimeoutDefaultsToRejectAndEscalationNeedsTargets() {
        Step rejecting =
                new Step(null, List.of(ApproverSelector.ofGroup("security")), 1, Duration.ofMinutes(30), null, null);
        Step escalatingNowhere = new Step(
                null,
                List.of(ApproverSelector.ofGroup("security")),
                1,
                Duration.ofMinutes(30),
                OnTimeout.ESCALATE,
                List.of());
        Step rejectingWithTargets = new Step(
                null,
                List.of(ApproverSelector.ofGroup("security")),
                1,
                Duration.ofMinutes(30),
                OnTimeout.REJECT,
                List.of(ApproverSelector.ofUser("carol")));
        PolicyDefinition p = PolicyDefinition.of(
                "p", Conditions.on("x", null), List.of(rejecting, escalatingNowhere, rejectingWithTargets));

        assertThat(PolicyNormalizer.normalize(p).steps().get(0).onTimeout()).isEqualTo(OnTimeout.REJECT);
        assertThat(validate(p))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(
                        tuple("steps[1].escalateTo", "required"), tuple("steps[2].escalateTo", "not_applicable"));
    }

    @Test
    void limitsTheNumberOfSteps() {
        Step[] steps = new Step[21];
        Arrays.fill(steps, Step.of(null, 1, ApproverSelector.ofUser("carol")));

        assertThat(validate(PolicyDefinition.of("p", Conditions.on("x", null), List.of(steps))))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(tuple("steps", "too_many"));
    }

    @Test
    void reportsNullEntriesInsteadOfFailing() {
        PolicyDefinition p = PolicyDefinition.of(
                "p",
                Conditions.on("x", null),
                Arrays.asList(null, new Step(null, Arrays.asList((ApproverSelector) null), 1, null, null, null)));

        assertThat(validate(p))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(tuple("steps[0]", "required"), tuple("steps[1].approvers[0]", "required"));
    }

    @Test
    void checksRequesterAndTrustedGroupsExist() {
        PolicyDefinition p = new PolicyDefinition(
                "p",
                null,
                null,
                new Conditions(
                        "x",
                        null,
                        List.of(),
                        List.of("SSH", "bad type", "mainframe"),
                        List.of("ghosts"),
                        Map.of("env", "")),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new AutoApprove(List.of("security", "phantoms"), null, true),
                List.of());

        assertThat(validate(p))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(
                        tuple("conditions.requesterGroups[0]", "unknown_group"),
                        tuple("conditions.resourceTypes[1]", "invalid_name"),
                        tuple("conditions.resourceTypes[2]", "unknown_type"),
                        tuple("autoApprove.requesterGroups[1]", "unknown_group"));
    }

    @Test
    void fillsInTheDocumentedDefaults() {
        PolicyDefinition normal = PolicyNormalizer.normalize(valid());

        assertThat(normal.enabled()).isTrue();
        assertThat(normal.priority()).isZero();
        assertThat(normal.defaultDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(normal.maxDuration()).isEqualTo(Duration.ofHours(8));
        assertThat(normal.requestTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(normal.requireJustification()).isFalse();
        assertThat(normal.allowSelfApproval()).isFalse();
        assertThat(normal.distinctApproversAcrossSteps()).isTrue();
        assertThat(normal.autoApprove()).isEqualTo(AutoApprove.off());
        assertThat(normal.conditions().labels()).isEmpty();
        assertThat(normal.steps().get(0).escalateTo()).isEmpty();
    }

    @Test
    void putsNamesInCanonicalForm() {
        PolicyDefinition p = PolicyDefinition.of(
                " Prod ",
                Conditions.on("PROD-*", " Root "),
                List.of(Step.of(null, 1, ApproverSelector.ofGroup("Security"))));

        PolicyDefinition normal = PolicyNormalizer.normalize(p);

        assertThat(normal.name()).isEqualTo("prod");
        assertThat(normal.conditions().resourceName()).isEqualTo("prod-*");
        assertThat(normal.conditions().accountName()).isEqualTo("root");
        assertThat(normal.steps().get(0).approvers().get(0).group()).isEqualTo("security");
        assertThat(validator.validate(normal, "")).isEmpty();
    }

    @Test
    void aFirstUsePolicyNeedsABoundedClaimWindowAndOnlyItMayHaveOne() {
        assertThat(validate(valid().startingOnFirstUse(Duration.ofDays(2)))).isEmpty();
        assertThat(validate(valid().startingOnFirstUse(null)))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(tuple("claimWindow", "required"));
        assertThat(validate(valid().startingOnFirstUse(Duration.ofDays(31))))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(tuple("claimWindow", "too_long"));
        assertThat(validate(valid().startingOnFirstUse(Duration.ZERO)))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(tuple("claimWindow", "not_positive"));
        PolicyDefinition windowAlone = valid().startingOnFirstUse(Duration.ofDays(2));
        windowAlone = new PolicyDefinition(
                windowAlone.name(),
                null,
                null,
                windowAlone.conditions(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                windowAlone.steps(),
                null,
                false,
                Duration.ofDays(2));
        assertThat(validate(windowAlone))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(tuple("claimWindow", "requires_start_on_first_use"));
    }
}
