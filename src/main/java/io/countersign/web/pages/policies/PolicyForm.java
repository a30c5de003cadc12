package io.countersign.web.pages.policies;

import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyDefinition.AutoApprove;
import io.countersign.policy.PolicyDefinition.Conditions;
import io.countersign.policy.PolicyDefinition.Step;
import io.countersign.web.pages.FormText;
import io.countersign.web.pages.LabelLines;
import io.countersign.web.pages.WrittenDurations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The editor's draft of a policy. The whole draft travels in the one form of the editor page, so
 * adding, removing or moving a step is a submit that the server answers with the page redrawn: no
 * state is kept between requests. Never bound to the stored policy directly: {@link #read} turns it
 * into the API's definition, which the policy service checks like any other.
 */
public class PolicyForm {

    /** The stored policy's version when the editor was opened ({@code ETag}); empty for a new one. */
    public String version = "";

    // 1. configuration
    public String name = "";
    public boolean enabled = true;
    public String priority = "0";
    public String resourceName = "";
    public String accountName = "";
    public String resourceGroups = "";
    public String resourceTypes = "";
    public String requesterGroups = "";
    public String labels = "";
    public String defaultDuration = "1h";
    public String maxDuration = "8h";
    public String requestTtl = "1d";
    public boolean requireJustification;
    public String ticketPattern = "";
    public boolean allowSelfApproval;
    public boolean distinctApproversAcrossSteps = true;
    public String autoApproveGroups = "";
    public String autoApproveMinLevel = "";
    public boolean autoApproveWhenRequesterIsApprover;

    /** What the editor does not show, as {@link UnshownSettings} carries it; empty for none. */
    public String unshown = "";

    // 2. approval sequence
    public List<StepForm> steps = new ArrayList<>();

    // 3. review: the sample request the preview explains
    public String sampleRequester = "";
    public String sampleResource = "";
    public String sampleAccount = "";

    static PolicyForm blank() {
        PolicyForm form = new PolicyForm();
        form.steps.add(new StepForm());
        return form;
    }

    static PolicyForm of(PolicyDefinition policy) {
        PolicyForm form = new PolicyForm();
        form.name = policy.name();
        form.enabled = Boolean.TRUE.equals(policy.enabled());
        form.priority = String.valueOf(policy.priority());
        Conditions conditions = policy.conditions();
        form.resourceName = orEmpty(conditions.resourceName());
        form.accountName = orEmpty(conditions.accountName());
        form.resourceGroups = FormText.names(conditions.resourceGroups());
        form.resourceTypes = FormText.names(conditions.resourceTypes());
        form.requesterGroups = FormText.names(conditions.requesterGroups());
        form.labels = LabelLines.write(conditions.labels());
        form.defaultDuration = WrittenDurations.write(policy.defaultDuration());
        form.maxDuration = WrittenDurations.write(policy.maxDuration());
        form.requestTtl = WrittenDurations.write(policy.requestTtl());
        form.requireJustification = Boolean.TRUE.equals(policy.requireJustification());
        form.ticketPattern = orEmpty(policy.ticketPattern());
        form.allowSelfApproval = Boolean.TRUE.equals(policy.allowSelfApproval());
        form.distinctApproversAcrossSteps = Boolean.TRUE.equals(policy.distinctApproversAcrossSteps());
        AutoApprove auto = policy.autoApprove();
        form.autoApproveGroups = FormText.names(auto.requesterGroups());
        form.autoApproveMinLevel = orEmpty(auto.minLevel());
        form.autoApproveWhenRequesterIsApprover = Boolean.TRUE.equals(auto.whenRequesterIsApprover());
        policy.steps().forEach(step -> form.steps.add(StepForm.of(step)));
        return form;
    }

    /**
     * The definition this draft describes. What the editor does not show (extension rules, break-glass, first-use
     * grants) is {@code unshown}: the stored policy's, or for a new one what the draft carries, so that editing
     * never drops it. {@code kept}, the stored policy if any, keeps the order of its steps' selectors.
     */
    PolicyDefinition read(DraftIssues issues, PolicyDefinition kept, UnshownSettings.Settings unshown) {
        List<Step> stepList = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step stored = kept != null && i < kept.steps().size() ? kept.steps().get(i) : null;
            stepList.add(steps.get(i).toStep(issues, "steps[" + i + "]", stored));
        }
        return new PolicyDefinition(
                name,
                enabled,
                issues.integer(priority, "priority"),
                new Conditions(
                        blankToNull(resourceName),
                        blankToNull(accountName),
                        FormText.names(resourceGroups),
                        FormText.names(resourceTypes),
                        FormText.names(requesterGroups),
                        // the path the policy's own validation gives, so the editor shows it beside the labels
                        LabelLines.read(labels, "conditions.labels", issues.issues)),
                issues.duration(defaultDuration, "defaultDuration"),
                issues.duration(maxDuration, "maxDuration"),
                issues.duration(requestTtl, "requestTtl"),
                requireJustification,
                blankToNull(ticketPattern),
                allowSelfApproval,
                distinctApproversAcrossSteps,
                new AutoApprove(
                        FormText.names(autoApproveGroups),
                        blankToNull(autoApproveMinLevel),
                        autoApproveWhenRequesterIsApprover),
                stepList,
                unshown.extension(),
                unshown.startOnFirstUse(),
                unshown.claimWindow(),
                unshown.breakGlass());
    }

    /**
     * A duration field read as saving reads it ({@code 90m} or {@code PT1H30M}), for the page to write in
     * words as every page writes durations; null when empty or unreadable, which the page shows as typed.
     */
    public Duration lasting(String typed) {
        return new DraftIssues().duration(typed, "");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return FormText.blank(value) ? null : value.trim();
    }
}
