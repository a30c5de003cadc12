package io.countersign.policy.internal;

import io.countersign.directory.Directory;
import io.countersign.policy.ApproverSelector;
import io.countersign.policy.OnTimeout;
import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyDefinition.AutoApprove;
import io.countersign.policy.PolicyDefinition.Conditions;
import io.countersign.policy.PolicyDefinition.Step;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a normalized policy (see {@link PolicyNormalizer}) and reports every problem at once, each
 * with its path ({@code steps[1].approvers[0].group}) under the caller's prefix.
 */
public final class PolicyValidator {

    public static final Duration MAX_LIMIT = Duration.ofDays(30);
    public static final int MAX_STEPS = 20;
    public static final int MAX_REQUIRED_APPROVALS = 100;
    public static final int MAX_SELECTORS = 50;
    public static final int MAX_LIST = 100;
    public static final int MAX_PRIORITY = 1_000_000;
    public static final int MAX_TICKET_PATTERN = 500;
    public static final int MAX_STEP_NAME = 200;

    private final Directory directory;

    public PolicyValidator(Directory directory) {
        this.directory = directory;
    }

    public List<FieldIssue> validate(PolicyDefinition policy, String prefix) {
        Checks checks = new Checks(prefix);
        Names.check(checks.problems, policy.name(), checks.path("name"));
        checks.require(
                Math.abs(policy.priority()) <= MAX_PRIORITY,
                "priority",
                "out_of_range",
                "must be between -" + MAX_PRIORITY + " and " + MAX_PRIORITY);
        conditions(checks, policy.conditions());
        limits(checks, policy);
        autoApprove(checks, policy.autoApprove());
        steps(checks, policy.steps());
        return checks.problems.issues();
    }

    private void conditions(Checks checks, Conditions conditions) {
        if (conditions == null) {
            checks.add("conditions", "required", "must be given, with at least resourceName or accountName");
            return;
        }
        if (conditions.resourceName() == null && conditions.accountName() == null) {
            checks.add(
                    "conditions.resourceName",
                    "required",
                    "at least one of resourceName and accountName must be given");
        }
        glob(checks, conditions.resourceName(), "conditions.resourceName");
        glob(checks, conditions.accountName(), "conditions.accountName");
        groups(checks, conditions.resourceGroups(), "conditions.resourceGroups");
        groups(checks, conditions.requesterGroups(), "conditions.requesterGroups");
        List<String> types = conditions.resourceTypes();
        if (checks.bounded(types.size(), MAX_LIST, "conditions.resourceTypes")) {
            for (int i = 0; i < types.size(); i++) {
                Names.check(checks.problems, types.get(i), checks.path("conditions.resourceTypes[" + i + "]"));
            }
        }
        Map<String, String> labels = conditions.labels();
        if (checks.bounded(labels.size(), MAX_LIST, "conditions.labels")) {
            labels.forEach((key, value) -> {
                String path = "conditions.labels." + key;
                checks.require(
                        key != null && !key.isBlank() && key.length() <= 128,
                        path,
                        "invalid_label",
                        "a label key must be 1 to 128 characters");
                checks.require(
                        value != null && value.length() <= 256,
                        path,
                        "invalid_label",
                        "a label value must be given and be at most 256 characters");
            });
        }
    }

    private static void glob(Checks checks, String pattern, String field) {
        if (pattern != null) {
            Glob.syntaxError(pattern).ifPresent(error -> checks.add(field, "invalid_glob", error));
        }
    }

    private void groups(Checks checks, List<String> groups, String field) {
        if (!checks.bounded(groups.size(), MAX_LIST, field)) {
            return;
        }
        for (int i = 0; i < groups.size(); i++) {
            group(checks, groups.get(i), field + "[" + i + "]");
        }
    }

    private void group(Checks checks, String group, String field) {
        if (Names.check(checks.problems, group, checks.path(field))) {
            checks.require(directory.groupExists(group), field, "unknown_group", "no group '" + group + "' exists");
        }
    }

    private void level(Checks checks, String level, String field) {
        if (Names.check(checks.problems, level, checks.path(field))) {
            checks.require(
                    directory.rankOf(level).isPresent(),
                    field,
                    "unknown_level",
                    "no level '" + level + "' is configured; levels are " + directory.levels());
        }
    }

    private void user(Checks checks, String username, String field) {
        if (Names.check(checks.problems, username, checks.path(field))) {
            checks.require(
                    directory.findUser(username).isPresent(),
                    field,
                    "unknown_user",
                    "no user '" + username + "' exists");
        }
    }

    private static void limits(Checks checks, PolicyDefinition policy) {
        boolean defaultOk = duration(checks, policy.defaultDuration(), "defaultDuration");
        boolean maxOk = duration(checks, policy.maxDuration(), "maxDuration");
        duration(checks, policy.requestTtl(), "requestTtl");
        if (defaultOk && maxOk) {
            checks.require(
                    policy.defaultDuration().compareTo(policy.maxDuration()) <= 0,
                    "defaultDuration",
                    "above_maximum",
                    "must not be longer than maxDuration (" + policy.maxDuration() + ")");
        }
        String ticket = policy.ticketPattern();
        if (ticket != null
                && checks.require(
                        ticket.length() <= MAX_TICKET_PATTERN,
                        "ticketPattern",
                        "too_long",
                        "must be at most " + MAX_TICKET_PATTERN + " characters")) {
            try {
                Pattern.compile(ticket);
            } catch (PatternSyntaxException e) {
                checks.add(
                        "ticketPattern", "invalid_pattern", "is not a valid regular expression: " + e.getDescription());
            }
        }
    }

    private static boolean duration(Checks checks, Duration value, String field) {
        return checks.require(
                        !value.isNegative() && !value.isZero(), field, "not_positive", "must be a positive duration")
                && checks.require(
                        value.compareTo(MAX_LIMIT) <= 0,
                        field,
                        "too_long",
                        "must be at most " + MAX_LIMIT + " (30 days)");
    }

    private void autoApprove(Checks checks, AutoApprove autoApprove) {
        groups(checks, autoApprove.requesterGroups(), "autoApprove.requesterGroups");
        if (autoApprove.minLevel() != null) {
            level(checks, autoApprove.minLevel(), "autoApprove.minLevel");
        }
    }

    private void steps(Checks checks, List<Step> steps) {
        if (steps == null) {
            checks.add(
                    "steps",
                    "required",
                    "must be given; an empty list makes every matching request approve automatically");
            return;
        }
        if (!checks.bounded(steps.size(), MAX_STEPS, "steps")) {
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            step(checks, steps.get(i), "steps[" + i + "]");
        }
    }

    private void step(Checks checks, Step step, String path) {
        if (step == null) {
            checks.add(path, "required", "must be a step, not null");
            return;
        }
        if (step.name() != null) {
            checks.require(
                    step.name().length() <= MAX_STEP_NAME,
                    path + ".name",
                    "too_long",
                    "must be at most " + MAX_STEP_NAME + " characters");
        }
        checks.require(
                !step.approvers().isEmpty(),
                path + ".approvers",
                "required",
                "must name at least one approver selector");
        selectors(checks, step.approvers(), path + ".approvers");
        int required = step.requiredApprovals();
        checks.require(
                required >= 1 && required <= MAX_REQUIRED_APPROVALS,
                path + ".requiredApprovals",
                "out_of_range",
                "must be between 1 and " + MAX_REQUIRED_APPROVALS);
        if (step.timeout() != null) {
            duration(checks, step.timeout(), path + ".timeout");
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
    }

    private void selectors(Checks checks, List<ApproverSelector> selectors, String path) {
        if (!checks.bounded(selectors.size(), MAX_SELECTORS, path)) {
            return;
        }
        for (int i = 0; i < selectors.size(); i++) {
            selector(checks, selectors.get(i), path + "[" + i + "]");
        }
    }

    private void selector(Checks checks, ApproverSelector selector, String path) {
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
            case "user" -> user(checks, selector.user(), field);
            case "group" -> group(checks, selector.group(), field);
            case "minLevel" -> level(checks, selector.minLevel(), field);
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

    /** {@link Problems} whose field paths start with the caller's prefix. */
    private static final class Checks {
        final Problems problems = new Problems();
        final String prefix;

        Checks(String prefix) {
            this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix + ".";
        }

        String path(String field) {
            return prefix + field;
        }

        void add(String field, String code, String message) {
            problems.add(path(field), code, message);
        }

        boolean require(boolean ok, String field, String code, String message) {
            return problems.check(ok, path(field), code, message);
        }

        boolean bounded(int size, int max, String field) {
            return require(size <= max, field, "too_many", "must have at most " + max + " entries");
        }
    }
}
