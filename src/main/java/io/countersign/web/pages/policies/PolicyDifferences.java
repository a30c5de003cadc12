package io.countersign.web.pages.policies;

import io.countersign.web.pages.LabelLines;
import io.countersign.web.pages.TimedText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the stored policy differs from a draft that could not be saved because the policy changed
 * since the editor was opened: the editor lists the current values, so that the administrator sees
 * what the other change was without leaving the draft.
 */
final class PolicyDifferences {

    /** One field of the editor whose stored value is not the draft's, its durations in words as pages write them. */
    record Difference(String field, TimedText current) {}

    private static final Map<String, Function<PolicyForm, TimedText>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("Enabled", form -> words(yesNo(form.enabled)));
        FIELDS.put("Priority", form -> words(form.priority));
        FIELDS.put("Resource name", form -> words(form.resourceName));
        FIELDS.put("Account name", form -> words(form.accountName));
        FIELDS.put("Resource groups", form -> words(form.resourceGroups));
        FIELDS.put("Resource types", form -> words(form.resourceTypes));
        FIELDS.put("Requester groups", form -> words(form.requesterGroups));
        FIELDS.put("Resource labels", PolicyDifferences::labels);
        FIELDS.put("Default duration", form -> lasting(form, form.defaultDuration));
        FIELDS.put("Maximum duration", form -> lasting(form, form.maxDuration));
        FIELDS.put("A pending request expires after", form -> lasting(form, form.requestTtl));
        FIELDS.put("Justification required", form -> words(yesNo(form.requireJustification)));
        FIELDS.put("Ticket pattern", form -> words(form.ticketPattern));
        FIELDS.put("A requester may approve their own request", form -> words(yesNo(form.allowSelfApproval)));
        FIELDS.put("One person approves at most one step", form -> words(yesNo(form.distinctApproversAcrossSteps)));
        FIELDS.put("Approve automatically for members of", form -> words(form.autoApproveGroups));
        FIELDS.put("Approve automatically for requesters at level or above", form -> words(form.autoApproveMinLevel));
        FIELDS.put(
                "Approve a step automatically when the requester is one of its approvers",
                form -> words(yesNo(form.autoApproveWhenRequesterIsApprover)));
        FIELDS.put("Approval sequence", PolicyDifferences::steps);
    }

    private PolicyDifferences() {}

    static List<Difference> between(PolicyForm current, PolicyForm draft) {
        List<Difference> differences = new ArrayList<>();
        // compared as read, so a draft's 1h is the stored PT1H and is not listed as a difference
        FIELDS.forEach((label, value) -> {
            TimedText now = value.apply(current);
            if (!now.equals(value.apply(draft))) {
                differences.add(new Difference(label, now.toString().isEmpty() ? words("(empty)") : now));
            }
        });
        return differences;
    }

    /** The steps as the review part of the editor sums them up, with their approvers. */
    private static TimedText steps(PolicyForm form) {
        if (form.steps.isEmpty()) {
            return words("none: approved automatically");
        }
        TimedText steps = words("");
        for (int i = 0; i < form.steps.size(); i++) {
            StepForm step = form.steps.get(i);
            steps = steps.then((i == 0 ? "" : "; ") + "step " + (i + 1) + " "
                    + (step.name.isBlank() ? "unnamed" : "'" + step.name.trim() + "'")
                    + ": " + step.requiredApprovals.trim() + " approval(s) of " + step.approvers.summary());
            if (!step.timeout.isBlank()) {
                steps = steps.then(", timeout ").then(lasting(form, step.timeout));
            }
        }
        return steps;
    }

    /**
     * The labels as read, not as typed: the same labels sent back with other line endings or in another
     * order are no difference. Each value is quoted and kept exactly, since spaces at either end of one
     * are part of it and would otherwise be trimmed or pass unseen.
     */
    private static TimedText labels(PolicyForm form) {
        return TimedText.of(LabelLines.read(form.labels, "labels", new ArrayList<>()).entrySet().stream()
                .map(label ->
                        label.getKey().strip() + (label.getValue() == null ? "" : "=\"" + label.getValue() + "\""))
                .sorted()
                .collect(Collectors.joining(", ")));
    }

    private static TimedText words(String text) {
        return TimedText.of(text.trim());
    }

    /** A duration field in words when it reads as one; otherwise as typed, for the editor to show as it is. */
    private static TimedText lasting(PolicyForm form, String typed) {
        Duration read = form.lasting(typed);
        return read == null ? words(typed) : TimedText.of("").then(read);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
