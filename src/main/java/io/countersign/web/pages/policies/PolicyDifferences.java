package io.countersign.web.pages.policies;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the stored policy differs from a draft that could not be saved because the policy changed
 * since the editor was opened: the editor lists the current values, so that the administrator sees
 * what the other change was without leaving the draft.
 */
final class PolicyDifferences {

    /** One field of the editor whose stored value is not the draft's. */
    record Difference(String field, String current) {}

    private static final Map<String, Function<PolicyForm, Object>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("Enabled", form -> yesNo(form.enabled));
        FIELDS.put("Priority", form -> form.priority);
        FIELDS.put("Resource name", form -> form.resourceName);
        FIELDS.put("Account name", form -> form.accountName);
        FIELDS.put("Resource groups", form -> form.resourceGroups);
        FIELDS.put("Resource types", form -> form.resourceTypes);
        FIELDS.put("Requester groups", form -> form.requesterGroups);
        FIELDS.put("Resource labels", form -> form.labels);
        FIELDS.put("Default duration", form -> form.defaultDuration);
        FIELDS.put("Maximum duration", form -> form.maxDuration);
        FIELDS.put("A pending request expires after", form -> form.requestTtl);
        FIELDS.put("Justification required", form -> yesNo(form.requireJustification));
        FIELDS.put("Ticket pattern", form -> form.ticketPattern);
        FIELDS.put("A requester may approve their own request", form -> yesNo(form.allowSelfApproval));
        FIELDS.put("One person approves at most one step", form -> yesNo(form.distinctApproversAcrossSteps));
        FIELDS.put("Approve automatically for members of", form -> form.autoApproveGroups);
        FIELDS.put("Approve automatically for requesters at level or above", form -> form.autoApproveMinLevel);
        FIELDS.put(
                "Approve a step automatically when the requester is one of its approvers",
                form -> yesNo(form.autoApproveWhenRequesterIsApprover));
        FIELDS.put("Approval sequence", PolicyDifferences::steps);
    }

    private PolicyDifferences() {}

    static List<Difference> between(PolicyForm current, PolicyForm draft) {
        List<Difference> differences = new ArrayList<>();
        FIELDS.forEach((label, value) -> {
            String now = String.valueOf(value.apply(current)).trim();
            if (!now.equals(String.valueOf(value.apply(draft)).trim())) {
                differences.add(new Difference(label, now.isEmpty() ? "(empty)" : now));
            }
        });
        return differences;
    }

    /** The steps as the review part of the editor sums them up, with their approvers. */
    private static String steps(PolicyForm form) {
        if (form.steps.isEmpty()) {
            return "none: approved automatically";
        }
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < form.steps.size(); i++) {
            StepForm step = form.steps.get(i);
            steps.add("step " + (i + 1) + " " + (step.name.isBlank() ? "unnamed" : "'" + step.name.trim() + "'")
                    + ": " + step.requiredApprovals.trim() + " approval(s) of " + step.approvers.summary()
                    + (step.timeout.isBlank() ? "" : ", timeout " + step.timeout.trim()));
        }
        return String.join("; ", steps);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
