package io.countersign.policy.internal;

import io.countersign.policy.ApproverSelector;
import io.countersign.policy.OnTimeout;
import io.countersign.policy.PolicyDefinition.Step;
import java.util.List;

/** Checks a policy's steps: approver selectors, required approvals, timeouts and escalation. */
final class StepValidator {

    /** Where a decision may come from, as {@code allowedDecisionChannels} names it. */
    static final List<String> DECISION_CHANNELS = List.of("API", "WEB", "EMAIL", "SLACK", "TELEGRAM");

    private StepValidator() {}

    static void steps(Checks checks, List<Step> steps) {
        steps(checks, steps, "steps");
    }

    /** Checks {@code steps} given at {@code field} ({@code steps}, {@code extension.steps}). */
    static void steps(Checks checks, List<Step> steps, String field) {
        if (steps == null) {
            checks.add(
                    "steps",
                    "required",
                    "must be given; an empty list makes every matching request approve automatically");
            return;
        }
        if (!checks.bounded(steps.size(), PolicyValidator.MAX_STEPS, field)) {
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            step(checks, steps.get(i), field + "[" + i + "]");
        }
    }

    private static void step(Checks checks, Step step, String path) {
        if (step == null) {
            checks.add(path, "required", "must be a step, not null");
            return;
        }
        checks.problems.maxLength(step.name(), checks.path(path + ".name"), PolicyValidator.MAX_STEP_NAME);
        checks.require(
                !step.approvers().isEmpty(),
                path + ".approvers",
                "required",
                "must name at least one approver selector");
        selectors(checks, step.approvers(), path + ".approvers");
        int required = step.requiredApprovals();
        checks.require(
                required >= 1 && required <= PolicyValidator.MAX_REQUIRED_APPROVALS,
                path + ".requiredApprovals",
                "out_of_range",
                "must be between 1 and " + PolicyValidator.MAX_REQUIRED_APPROVALS);
        if (step.timeout() != null) {
            checks.duration(step.timeout(), path + ".timeout");
        }
        if (step.onTimeout() == OnTimeout.ESCALATE) {
            checks.require(
                    step.timeout() != null, path + ".timeout", "required", "must be given when onTimeout is ESCALATE");
            checks.require(
                    !step.escalateTo().isEmpty(),
                    path + ".escalateTo",
                    "required",
                    "must name at least one approver selector when onTimeout is ESCALATE");
        } else {
            checks.require(
                    step.escalateTo().isEmpty(),
                    path + ".escalateTo",
                    "not_applicable",
                    "is used only when onTimeout is ESCALATE");
        }
        selectors(checks, step.escalateTo(), path + ".escalateTo");
        notify(checks, step.notifyChannels(), path + ".notify");
        decisionChannels(checks, step.allowedDecisionChannels(), path + ".allowedDecisionChannels");
    }

    private static void notify(Checks checks, List<String> names, String path) {
        if (!checks.bounded(names.size(), PolicyValidator.MAX_LIST, path)) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            checks.require(
                    name != null && checks.channels.exists(name),
                    path + "[" + i + "]",
                    "unknown_channel",
                    "must name a chat channel that exists (see /api/v1/channels)");
        }
    }

    private static void decisionChannels(Checks checks, List<String> channels, String path) {
        for (int i = 0; i < channels.size(); i++) {
            checks.require(
                    channels.get(i) != null && DECISION_CHANNELS.contains(channels.get(i)),
                    path + "[" + i + "]",
                    "invalid_value",
                    "must be one of " + String.join(", ", DECISION_CHANNELS));
        }
    }

    static void selectors(Checks checks, List<ApproverSelector> selectors, String path) {
        if (!checks.bounded(selectors.size(), PolicyValidator.MAX_SELECTORS, path)) {
            return;
        }
        for (int i = 0; i < selectors.size(); i++) {
            selector(checks, selectors.get(i), path + "[" + i + "]");
        }
    }

    private static void selector(Checks checks, ApproverSelector selector, String path) {
        if (selector == null) {
            checks.add(path, "required", "must be a selector, not null");
            return;
        }
        List<String> keys = selector.keys();
        if (keys.size() != 1) {
            checks.add(
                    path,
                    "one_key_required",
                    keys.isEmpty()
                            ? "must have exactly one of user, group, minLevel, requesterManager, requesterGroupManagers,"
                                    + " resourceGroupManagers, resourceOwners"
                            : "must have exactly one key, found " + keys);
            return;
        }
        String key = keys.get(0);
        String field = path + "." + key;
        switch (key) {
            case "user" -> checks.user(selector.user(), field);
            case "group" -> checks.group(selector.group(), field);
            case "minLevel" -> checks.level(selector.minLevel(), field);
            default ->
                checks.require(isTrue(selector), field, "must_be_true", "must be true; leave the selector out instead");
        }
    }

    private static boolean isTrue(ApproverSelector s) {
        return Boolean.TRUE.equals(s.requesterManager())
                || Boolean.TRUE.equals(s.requesterGroupManagers())
                || Boolean.TRUE.equals(s.resourceGroupManagers())
                || Boolean.TRUE.equals(s.resourceOwners());
    }
}
