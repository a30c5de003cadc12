package io.countersign.policy.internal;

import io.countersign.directory.Directory;
import io.countersign.directory.DirectoryNames;
import io.countersign.inventory.Labels;
import io.countersign.inventory.ResourceTypes;
import io.countersign.policy.NotifyChannels;
import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyDefinition.AutoApprove;
import io.countersign.policy.PolicyDefinition.BreakGlass;
import io.countersign.policy.PolicyDefinition.Conditions;
import io.countersign.policy.PolicyDefinition.Extension;
import io.countersign.policy.TicketPattern;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.Names;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a normalized policy (see {@link PolicyNormalizer}) and reports every problem at once, each
 * with its path ({@code steps[1].approvers[0].group}) under the caller's prefix.
 */
public final class PolicyValidator {

    public static final Duration MAX_LIMIT = Duration.ofDays(30);
    public static final int MAX_STEPS = 20;
    public static final int MAX_REQUIRED_APPROVALS = PolicyDefinition.Step.MAX_REQUIRED_APPROVALS;
    public static final int MAX_SELECTORS = 50;
    public static final int MAX_LIST = 100;
    public static final int MAX_PRIORITY = 1_000_000;
    public static final int MAX_TICKET_PATTERN = 500;
    public static final int MAX_STEP_NAME = 200;

    private final Directory directory;

    private final NotifyChannels channels;

    public PolicyValidator(Directory directory) {
        this(directory, name -> false);
    }

    public PolicyValidator(Directory directory, NotifyChannels channels) {
        this.directory = directory;
        this.channels = channels;
    }

    public List<FieldIssue> validate(PolicyDefinition policy, String prefix) {
        return validate(policy, prefix, directory);
    }

    /** As {@link #validate(PolicyDefinition, String)}, its users, groups and levels looked up in {@code names}. */
    public List<FieldIssue> validate(PolicyDefinition policy, String prefix, DirectoryNames names) {
        Checks checks = new Checks(prefix, names, channels);
        Names.check(checks.problems, policy.name(), checks.path("name"));
        checks.require(
                Math.abs(policy.priority()) <= MAX_PRIORITY,
                "priority",
                "out_of_range",
                "must be between -" + MAX_PRIORITY + " and " + MAX_PRIORITY);
        conditions(checks, policy.conditions());
        limits(checks, policy);
        autoApprove(checks, policy.autoApprove());
        StepValidator.steps(checks, policy.steps());
        extension(checks, policy);
        breakGlass(checks, policy.breakGlass());
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
        checks.groups(conditions.resourceGroups(), "conditions.resourceGroups");
        checks.groups(conditions.requesterGroups(), "conditions.requesterGroups");
        List<String> types = conditions.resourceTypes();
        if (checks.bounded(types.size(), MAX_LIST, "conditions.resourceTypes")) {
            for (int i = 0; i < types.size(); i++) {
                String field = "conditions.resourceTypes[" + i + "]";
                if (Names.check(checks.problems, types.get(i), checks.path(field))) {
                    // a type no resource can have would be a condition that never holds
                    checks.require(
                            ResourceTypes.isKnown(types.get(i)),
                            field,
                            "unknown_type",
                            "is not a resource type; use one of " + String.join(", ", ResourceTypes.ALL));
                }
            }
        }
        Map<String, String> labels = conditions.labels();
        if (checks.bounded(labels.size(), MAX_LIST, "conditions.labels")) {
            Set<String> seen = new HashSet<>();
            labels.forEach((key, value) -> {
                String path = "conditions.labels." + key;
                // a key no resource can have would be a condition that never holds
                String canonical = Names.canonical(key);
                if (Names.check(checks.problems, canonical, checks.path(path))) {
                    checks.require(
                            seen.add(canonical),
                            path,
                            "duplicate",
                            "keys are case-insensitive; '" + canonical + "' repeats");
                }
                Labels.checkValue(checks.problems, value, checks.path(path));
            });
        }
    }

    private static void glob(Checks checks, String pattern, String field) {
        if (pattern != null) {
            Glob.syntaxError(pattern).ifPresent(error -> checks.add(field, "invalid_glob", error));
        }
    }

    private static void limits(Checks checks, PolicyDefinition policy) {
        boolean defaultOk = checks.duration(policy.defaultDuration(), "defaultDuration");
        boolean maxOk = checks.duration(policy.maxDuration(), "maxDuration");
        checks.duration(policy.requestTtl(), "requestTtl");
        if (defaultOk && maxOk) {
            checks.require(
                    policy.defaultDuration().compareTo(policy.maxDuration()) <= 0,
                    "defaultDuration",
                    "above_maximum",
                    "must not be longer than maxDuration (" + policy.maxDuration() + ")");
        }
        firstUse(checks, policy);
        String ticket = policy.ticketPattern();
        if (ticket != null && checks.problems.maxLength(ticket, checks.path("ticketPattern"), MAX_TICKET_PATTERN)) {
            TicketPattern.problem(ticket).ifPresent(why -> checks.add("ticketPattern", "invalid_pattern", why));
        }
    }

    private static void extension(Checks checks, PolicyDefinition policy) {
        Extension extension = policy.extension();
        if (extension == null) {
            return;
        }
        if (extension.maxTotalDuration() == null) {
            checks.add("extension.maxTotalDuration", "required", "must be given, such as PT12H");
        } else if (checks.duration(extension.maxTotalDuration(), "extension.maxTotalDuration")
                && policy.maxDuration() != null) {
            checks.require(
                    extension.maxTotalDuration().compareTo(policy.maxDuration()) >= 0,
                    "extension.maxTotalDuration",
                    "below_maximum",
                    "must not be shorter than maxDuration (" + policy.maxDuration() + ")");
        }
        if (extension.steps() != null) {
            StepValidator.steps(checks, extension.steps(), "extension.steps");
        }
    }

    /** Emergency access needs a limit, someone to tell whenever it is used and someone to review it in time. */
    private static void breakGlass(Checks checks, BreakGlass breakGlass) {
        if (breakGlass == null) {
            return;
        }
        if (breakGlass.maxDuration() == null) {
            checks.add("breakGlass.maxDuration", "required", "must be given, such as PT1H");
        } else {
            checks.duration(breakGlass.maxDuration(), "breakGlass.maxDuration");
        }
        if (breakGlass.notifySelectors().isEmpty()) {
            checks.add("breakGlass.notify", "required", "must name at least one selector to tell of each use");
        } else {
            StepValidator.selectors(checks, breakGlass.notifySelectors(), "breakGlass.notify");
        }
        // required of every write: only blocks stored before reviews existed go without one
        if (breakGlass.reviewers().isEmpty()) {
            checks.add("breakGlass.reviewers", "required", "must name at least one selector to review each use");
        } else {
            StepValidator.selectors(checks, breakGlass.reviewers(), "breakGlass.reviewers");
        }
        if (breakGlass.reviewWithin() == null) {
            checks.add("breakGlass.reviewWithin", "required", "must be given, such as P1D");
        } else {
            checks.duration(breakGlass.reviewWithin(), "breakGlass.reviewWithin");
        }
    }

    /** A claim window belongs to a first-use policy, and such a policy must say how long grants wait. */
    private static void firstUse(Checks checks, PolicyDefinition policy) {
        if (!Boolean.TRUE.equals(policy.startOnFirstUse())) {
            checks.require(
                    policy.claimWindow() == null,
                    "claimWindow",
                    "requires_start_on_first_use",
                    "is only allowed with startOnFirstUse: true");
        } else if (policy.claimWindow() == null) {
            checks.add("claimWindow", "required", "must be given with startOnFirstUse: true");
        } else {
            checks.duration(policy.claimWindow(), "claimWindow");
        }
    }

    private void autoApprove(Checks checks, AutoApprove autoApprove) {
        checks.groups(autoApprove.requesterGroups(), "autoApprove.requesterGroups");
        if (autoApprove.minLevel() != null) {
            checks.level(autoApprove.minLevel(), "autoApprove.minLevel");
        }
    }
}
