package io.countersign.policy;

import io.countersign.policy.PolicyDefinition.BreakGlass;
import io.countersign.policy.PolicyDefinition.Conditions;
import io.countersign.policy.PolicyDefinition.Step;
import io.countersign.shared.ChangeNote;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What replacing a policy changed, field by field, for the note of {@code policy.updated}: a step whose
 * approvers moved to another group reads {@code step 2 approvers: group a → group b}, where a summary of
 * the policy after the change would read the same before and after.
 */
final class PolicyChanges {

    private PolicyChanges() {}

    /** Both policies normalized, as stored. */
    static ChangeNote between(PolicyDefinition before, PolicyDefinition after) {
        ChangeNote note = new ChangeNote()
                .value("enabled", before.enabled(), after.enabled())
                .value("priority", before.priority(), after.priority());
        conditions(note, before.conditions(), after.conditions());
        note.value("defaultDuration", before.defaultDuration(), after.defaultDuration())
                .value("maxDuration", before.maxDuration(), after.maxDuration())
                .value("requestTtl", before.requestTtl(), after.requestTtl())
                .value("requireJustification", before.requireJustification(), after.requireJustification())
                .value("ticketPattern", before.ticketPattern(), after.ticketPattern())
                .value("allowSelfApproval", before.allowSelfApproval(), after.allowSelfApproval())
                .value(
                        "distinctApproversAcrossSteps",
                        before.distinctApproversAcrossSteps(),
                        after.distinctApproversAcrossSteps())
                .value("startOnFirstUse", before.startOnFirstUse(), after.startOnFirstUse())
                .value("claimWindow", before.claimWindow(), after.claimWindow());
        var autoBefore = before.autoApprove();
        var autoAfter = after.autoApprove();
        note.names("autoApprove.requesterGroups", autoBefore.requesterGroups(), autoAfter.requesterGroups())
                .value("autoApprove.minLevel", autoBefore.minLevel(), autoAfter.minLevel())
                .value(
                        "autoApprove.whenRequesterIsApprover",
                        autoBefore.whenRequesterIsApprover(),
                        autoAfter.whenRequesterIsApprover());
        steps(note, "step", before.steps(), after.steps());
        var extensionBefore = before.extension();
        var extensionAfter = after.extension();
        if (extensionBefore == null || extensionAfter == null) {
            note.value(
                    "extension", extensionBefore == null ? null : "allowed", extensionAfter == null ? null : "allowed");
        }
        if (extensionAfter != null) {
            note.value(
                    "extension.maxTotalDuration",
                    extensionBefore == null ? null : extensionBefore.maxTotalDuration(),
                    extensionAfter.maxTotalDuration());
            steps(
                    note,
                    "extension step",
                    extensionBefore == null ? null : extensionBefore.steps(),
                    extensionAfter.steps());
        }
        breakGlass(note, before.breakGlass(), after.breakGlass());
        return note;
    }

    private static void conditions(ChangeNote note, Conditions before, Conditions after) {
        if (before == null || after == null) {
            note.value("conditions", before, after);
            return;
        }
        note.value("conditions.resourceName", before.resourceName(), after.resourceName())
                .value("conditions.accountName", before.accountName(), after.accountName())
                .names("conditions.resourceGroups", before.resourceGroups(), after.resourceGroups())
                .names("conditions.resourceTypes", before.resourceTypes(), after.resourceTypes())
                .names("conditions.requesterGroups", before.requesterGroups(), after.requesterGroups())
                .entries("conditions.labels", before.labels(), after.labels());
    }

    /** Steps compared by position, as they run: {@code step 2 approvers: …}, {@code step 3 added}. */
    private static void steps(ChangeNote note, String label, List<Step> before, List<Step> after) {
        List<Step> was = before == null ? List.of() : before;
        List<Step> is = after == null ? List.of() : after;
        for (int i = 0; i < Math.max(was.size(), is.size()); i++) {
            String step = label + " " + (i + 1);
            if (i >= was.size()) {
                note.add(step + " added");
            } else if (i >= is.size()) {
                note.add(step + " removed");
            } else {
                Step from = was.get(i);
                Step to = is.get(i);
                note.value(step + " name:", from.name(), to.name())
                        .value(step + " approvers:", selectors(from.approvers()), selectors(to.approvers()))
                        .value(step + " requiredApprovals:", from.requiredApprovals(), to.requiredApprovals())
                        .value(step + " timeout:", from.timeout(), to.timeout())
                        .value(step + " onTimeout:", from.onTimeout(), to.onTimeout())
                        .value(step + " escalateTo:", selectors(from.escalateTo()), selectors(to.escalateTo()))
                        .names(step + " notify", from.notifyChannels(), to.notifyChannels())
                        .names(
                                step + " allowedDecisionChannels",
                                from.allowedDecisionChannels(),
                                to.allowedDecisionChannels());
            }
        }
    }

    private static void breakGlass(ChangeNote note, BreakGlass before, BreakGlass after) {
        if (before == null || after == null) {
            note.value("breakGlass", before == null ? null : "allowed", after == null ? null : "allowed");
            if (after == null) {
                return;
            }
        }
        note.value("breakGlass.maxDuration", before == null ? null : before.maxDuration(), after.maxDuration())
                .value(
                        "breakGlass.notify",
                        before == null ? null : selectors(before.notifySelectors()),
                        selectors(after.notifySelectors()))
                .value(
                        "breakGlass.reviewers",
                        before == null ? null : selectors(before.reviewers()),
                        selectors(after.reviewers()))
                .value("breakGlass.reviewWithin", before == null ? null : before.reviewWithin(), after.reviewWithin());
    }

    /** Selectors as they are written: {@code group a, user b}; none when there are none. */
    private static String selectors(List<ApproverSelector> selectors) {
        if (selectors == null || selectors.isEmpty()) {
            return null;
        }
        return String.join(", ", selectors.stream().map(PolicyChanges::selector).toList());
    }

    private static String selector(ApproverSelector selector) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("user", selector.user());
        values.put("group", selector.group());
        values.put("minLevel", selector.minLevel());
        return values.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + " " + e.getValue())
                .findFirst()
                .orElseGet(() -> String.join(" ", selector.keys()));
    }
}
