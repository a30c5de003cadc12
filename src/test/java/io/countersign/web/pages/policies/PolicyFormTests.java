package io.countersign.web.pages.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.countersign.policy.ApproverSelector;
import io.countersign.policy.OnTimeout;
import io.countersign.policy.PolicyDefinition;
import io.countersign.shared.FieldIssue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The editor's draft: how its text fields become a policy, where issues are shown, and the step buttons. */
class PolicyFormTests {

    @Test
    void aStoredPolicyReadBackThroughTheFormIsTheSamePolicy() {
        PolicyDefinition stored = new PolicyDefinition(
                        "prod",
                        false,
                        10,
                        new PolicyDefinition.Conditions(
                                "prod-*",
                                "*-admin",
                                List.of("databases"),
                                List.of("ssh"),
                                List.of("sre"),
                                java.util.Map.of("env", "prod")),
                        Duration.ofMinutes(30),
                        Duration.ofHours(4),
                        Duration.ofHours(12),
                        true,
                        "^INC-[0-9]+$",
                        true,
                        false,
                        new PolicyDefinition.AutoApprove(List.of("oncall"), "director", true),
                        List.of(
                                new PolicyDefinition.Step(
                                        "Lead",
                                        List.of(ApproverSelector.ofUser("lisa"), ApproverSelector.REQUESTER_MANAGER),
                                        1,
                                        Duration.ofMinutes(30),
                                        OnTimeout.ESCALATE,
                                        List.of(ApproverSelector.atOrAbove("director")),
                                        List.of("sec-teams", "ops-discord"),
                                        List.of("WEB", "EMAIL")),
                                PolicyDefinition.Step.of("Security", 2, ApproverSelector.ofGroup("security"))))
                .startingOnFirstUse(Duration.ofHours(1));

        DraftIssues issues = new DraftIssues();
        PolicyDefinition read = PolicyForm.of(stored).read(issues, stored, UnshownSettings.Settings.of(stored));

        assertThat(issues.issues).isEmpty();
        assertThat(read.withName("prod")).isEqualTo(stored);
    }

    @Test
    void labelsWithCommasEqualsSignsAndSpacesComeBackFromTheFormAsTheyWere() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", "x, owner=evil");
        labels.put("tier", "a,b");
        labels.put("note", "  spaced  ");
        labels.put("empty", "");
        PolicyDefinition stored = withOneStep(
                new PolicyDefinition.Conditions("lab-*", null, List.of(), List.of(), List.of(), labels),
                ApproverSelector.ofUser("lisa"));

        PolicyDefinition read =
                PolicyForm.of(stored).read(new DraftIssues(), stored, UnshownSettings.Settings.of(stored));

        assertThat(read.conditions().labels()).containsExactlyEntriesOf(labels);
    }

    @Test
    void everyMinimumLevelOfAListOfApproversIsKept() {
        PolicyDefinition stored = withOneStep(
                new PolicyDefinition.Conditions("lab-*", null, List.of(), List.of(), List.of(), Map.of()),
                ApproverSelector.ofUser("lisa"),
                ApproverSelector.atOrAbove("manager"),
                ApproverSelector.atOrAbove("director"));

        PolicyDefinition read =
                PolicyForm.of(stored).read(new DraftIssues(), stored, UnshownSettings.Settings.of(stored));

        assertThat(read.steps().get(0).approvers())
                .containsExactly(
                        ApproverSelector.ofUser("lisa"),
                        ApproverSelector.atOrAbove("manager"),
                        ApproverSelector.atOrAbove("director"));
    }

    @Test
    void approversInAnOrderTheEditorDoesNotWriteKeepItWhenNothingChanged() {
        PolicyDefinition stored = withOneStep(
                new PolicyDefinition.Conditions("lab-*", null, List.of(), List.of(), List.of(), Map.of()),
                ApproverSelector.atOrAbove("manager"),
                ApproverSelector.ofGroup("security"),
                ApproverSelector.ofUser("lisa"));

        PolicyDefinition unchanged =
                PolicyForm.of(stored).read(new DraftIssues(), stored, UnshownSettings.Settings.of(stored));
        PolicyForm edited = PolicyForm.of(stored);
        edited.steps.get(0).approvers.users = "lisa, carol";
        PolicyDefinition changed = edited.read(new DraftIssues(), stored, UnshownSettings.Settings.of(stored));

        assertThat(unchanged).isEqualTo(stored);
        assertThat(changed.steps().get(0).approvers())
                .containsExactly(
                        ApproverSelector.ofUser("lisa"),
                        ApproverSelector.ofUser("carol"),
                        ApproverSelector.ofGroup("security"),
                        ApproverSelector.atOrAbove("manager"));
    }

    /** A stored policy as the service answers it: every default filled in. */
    private static PolicyDefinition withOneStep(PolicyDefinition.Conditions conditions, ApproverSelector... approvers) {
        return new PolicyDefinition(
                "p",
                true,
                0,
                conditions,
                Duration.ofHours(1),
                Duration.ofHours(8),
                Duration.ofHours(24),
                false,
                null,
                false,
                true,
                PolicyDefinition.AutoApprove.off(),
                List.of(PolicyDefinition.Step.of("one", 1, approvers)));
    }

    @Test
    void aStepsDecisionChannelsAreReadInCapitalsWhateverTheCaseTyped() {
        PolicyForm form = PolicyForm.blank();
        form.steps.get(0).allowedDecisionChannels = "web, email";
        form.steps.get(0).notify = "sec-teams ops-discord";

        PolicyDefinition.Step step = form.read(new DraftIssues(), null, UnshownSettings.Settings.NONE)
                .steps()
                .get(0);

        assertThat(step.allowedDecisionChannels()).containsExactly("WEB", "EMAIL");
        assertThat(step.notifyChannels()).containsExactly("sec-teams", "ops-discord");
    }

    @Test
    void shortDurationsAreReadAndNonsenseIsReportedAtItsField() {
        PolicyForm form = PolicyForm.blank();
        form.defaultDuration = "90m";
        form.maxDuration = "soon";
        form.priority = "high";
        form.steps.get(0).requiredApprovals = "two";
        DraftIssues issues = new DraftIssues();

        PolicyDefinition read = form.read(issues, null, UnshownSettings.Settings.NONE);

        assertThat(read.defaultDuration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(issues.issues)
                .extracting(FieldIssue::field)
                .containsExactlyInAnyOrder("maxDuration", "priority", "steps[0].requiredApprovals");
    }

    @Test
    void aNumberIsDecimalDigitsOnlyAsInTheApi() {
        PolicyForm form = PolicyForm.blank();
        form.priority = "+5";
        form.steps.get(0).requiredApprovals = "\u0662";
        DraftIssues issues = new DraftIssues();

        PolicyDefinition read = form.read(issues, null, UnshownSettings.Settings.NONE);

        assertThat(read.priority()).isNull();
        assertThat(issues.issues)
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactlyInAnyOrder(
                        tuple("priority", "invalid_number"), tuple("steps[0].requiredApprovals", "invalid_number"));
        assertThat(issues.issues).extracting(FieldIssue::message).allMatch(message -> message.contains("0-9"));
    }

    @Test
    void eachIssueIsPlacedBesideTheFieldThatShowsIt() {
        assertThat(FieldErrors.fieldOf("steps[1].approvers[0].group")).isEqualTo("steps[1].approvers");
        assertThat(FieldErrors.fieldOf("steps[0].escalateTo")).isEqualTo("steps[0].escalateTo");
        assertThat(FieldErrors.fieldOf("steps[0].allowedDecisionChannels[1]"))
                .isEqualTo("steps[0].allowedDecisionChannels");
        assertThat(FieldErrors.fieldOf("steps[0].notify[0]")).isEqualTo("steps[0].notify");
        assertThat(FieldErrors.fieldOf("conditions.resourceGroups[2]")).isEqualTo("resourceGroups");
        assertThat(FieldErrors.fieldOf("conditions.labels.env")).isEqualTo("labels");
        assertThat(FieldErrors.fieldOf("conditions")).isEqualTo("resourceName");
        assertThat(FieldErrors.fieldOf("autoApprove.minLevel")).isEqualTo("autoApproveMinLevel");
        assertThat(FieldErrors.fieldOf("ticketPattern")).isEqualTo("ticketPattern");
        assertThat(FieldErrors.fieldOf("claimWindow")).isEqualTo(FieldErrors.GENERAL);
        assertThat(FieldErrors.local("[0].steps[0].name")).isEqualTo("steps[0].name");
    }

    @Test
    void theStepButtonsAddMoveAndRemoveStepsAndIgnoreAnythingElse() {
        PolicyForm form = PolicyForm.blank();
        form.steps.get(0).name = "first";
        assertThat(StepMoves.apply(form, "add-step")).isTrue();
        form.steps.get(1).name = "second";
        assertThat(StepMoves.apply(form, "up-1")).isTrue();
        assertThat(form.steps).extracting(step -> step.name).containsExactly("second", "first");
        assertThat(StepMoves.apply(form, "down-1")).isTrue();
        assertThat(StepMoves.apply(form, "remove-0")).isTrue();
        assertThat(form.steps).extracting(step -> step.name).containsExactly("first");
        assertThat(StepMoves.apply(form, "remove-7")).isTrue();
        assertThat(form.steps).hasSize(1);
        assertThat(StepMoves.apply(form, "save")).isFalse();
        assertThat(StepMoves.apply(form, "explode-1")).isFalse();
        for (int i = 0; i < 30; i++) {
            StepMoves.apply(form, "add-step");
        }
        assertThat(form.steps).hasSize(StepMoves.MAX_STEPS);
    }
}
