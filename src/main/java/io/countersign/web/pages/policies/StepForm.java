package io.countersign.web.pages.policies;

import io.countersign.policy.PolicyDefinition.Step;
import io.countersign.web.pages.FormText;
import io.countersign.web.pages.WrittenDurations;
import java.util.Locale;

/** One approval step as the editor shows it; numbers and durations stay text until the draft is read. */
public class StepForm {

    public String name = "";
    public SelectorFields approvers = new SelectorFields();
    public String requiredApprovals = "1";
    public String timeout = "";
    /** Empty (no timeout action), {@code REJECT} or {@code ESCALATE}. */
    public String onTimeout = "";

    public SelectorFields escalateTo = new SelectorFields();
    /** Chat channel names, separated by commas or spaces. */
    public String notify = "";
    /** Channel kinds a decision may come through ({@code API}, {@code WEB}, ...); empty for any. */
    public String allowedDecisionChannels = "";

    static StepForm of(Step step) {
        StepForm form = new StepForm();
        form.name = step.name() == null ? "" : step.name();
        form.approvers = SelectorFields.of(step.approvers());
        form.requiredApprovals = String.valueOf(step.requiredApprovals());
        form.timeout = step.timeout() == null ? "" : WrittenDurations.write(step.timeout());
        form.onTimeout = step.onTimeout() == null ? "" : step.onTimeout().name();
        form.escalateTo = SelectorFields.of(step.escalateTo());
        form.notify = FormText.names(step.notifyChannels());
        form.allowedDecisionChannels = FormText.names(step.allowedDecisionChannels());
        return form;
    }

    /** The step this form describes; {@code stored}, the stored step at its place if any, keeps its order. */
    Step toStep(DraftIssues issues, String path, Step stored) {
        return new Step(
                FormText.blank(name) ? null : name.trim(),
                SelectorFields.inStoredOrder(approvers.toSelectors(), stored == null ? null : stored.approvers()),
                issues.integer(requiredApprovals, path + ".requiredApprovals"),
                issues.duration(timeout, path + ".timeout"),
                issues.onTimeout(onTimeout, path + ".onTimeout"),
                SelectorFields.inStoredOrder(escalateTo.toSelectors(), stored == null ? null : stored.escalateTo()),
                FormText.names(notify),
                FormText.names(allowedDecisionChannels).stream()
                        .map(channel -> channel.toUpperCase(Locale.ROOT))
                        .toList());
    }
}
