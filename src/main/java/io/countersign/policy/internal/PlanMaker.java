package io.countersign.policy.internal;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.inventory.Inventory;
import io.countersign.inventory.Resource;
import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.ApproverSelector;
import io.countersign.policy.BreakGlassPlan;
import io.countersign.policy.Limits;
import io.countersign.policy.PlannedStep;
import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyDefinition.AutoApprove;
import io.countersign.policy.PolicyDefinition.Extension;
import io.countersign.policy.PolicyDefinition.Step;
import io.countersign.shared.Counted;
import io.countersign.shared.DistinctApprovers;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.RefusedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which policy governs a (requester, resource, account) and who must approve: the whole of
 * planning without I/O of its own, given the directory, the inventory and a policy index.
 */
public final class PlanMaker {

    public static final String NO_MATCHING_POLICY = "no_matching_policy";

    private final Directory directory;
    private final Inventory inventory;

    public PlanMaker(Directory directory, Inventory inventory) {
        this.directory = directory;
        this.inventory = inventory;
    }

    public ApprovalPlan plan(String requesterName, String resourceName, String accountName, PolicyIndex index) {
        return plan(requesterName, resourceName, accountName, index, false);
    }

    /** {@link #plan(String, String, String, PolicyIndex)} for a resource read already. */
    public ApprovalPlan plan(String requesterName, Resource resource, String accountName, PolicyIndex index) {
        return plan(activeUser(requesterName), resource, accountName, index, false);
    }

    /** The plan for extending a grant: the governing policy's extension steps (or its own steps). */
    public ApprovalPlan planExtension(
            String requesterName, String resourceName, String accountName, PolicyIndex index) {
        return plan(requesterName, resourceName, accountName, index, true);
    }

    private ApprovalPlan plan(
            String requesterName, String resourceName, String accountName, PolicyIndex index, boolean extension) {
        User requester = activeUser(requesterName);
        String resourceKey = Names.canonical(resourceName);
        Resource resource =
                inventory.findResource(resourceKey).orElseThrow(() -> new NotFoundException("resource", resourceKey));
        return plan(requester, resource, accountName, index, extension);
    }

    private User activeUser(String requesterName) {
        String username = Names.canonical(requesterName);
        return directory
                .findUser(username)
                .filter(User::active)
                .orElseThrow(() -> new NotFoundException("user", username));
    }

    private ApprovalPlan plan(
            User requester, Resource resource, String accountName, PolicyIndex index, boolean extension) {
        String account = Names.canonical(accountName);
        if (account == null || !resource.accounts().contains(account)) {
            throw new NotFoundException("account", account);
        }
        Set<String> requesterGroups = directory.groupsOf(requester.username());
        MatchSubject subject = new MatchSubject(
                requester.username(),
                requesterGroups,
                resource.name(),
                resource.type(),
                resource.groups(),
                resource.labels() == null ? Map.of() : resource.labels(),
                account);
        List<CompiledPolicy> found = index.matching(subject, 2);
        if (found.isEmpty()) {
            throw new RefusedException(
                    NO_MATCHING_POLICY,
                    "No enabled policy governs account '" + account + "' on resource '" + resource.name()
                            + "'; access is refused.");
        }
        CompiledPolicy governing = found.get(0);
        List<String> reasons = new ArrayList<>(governing.reasons(subject));
        reasons.add(found.size() > 1 ? Precedence.explain(governing, found.get(1)) : "no other enabled policy matches");
        PolicyDefinition policy = governing.definition();
        if (extension) {
            reasons.add(
                    hasExtensionSteps(policy)
                            ? "an extension is approved by the policy's extension steps, up to "
                                    + maxTotalDuration(policy) + " in all"
                            : "an extension is approved by the policy's own steps, up to " + maxTotalDuration(policy)
                                    + " in all");
        }
        // extension steps are the people the policy names for extensions: its auto-approval rules,
        // written for its own steps, do not stand in for them
        boolean autoApprovalApplies = !(extension && hasExtensionSteps(policy));
        List<Step> planned = extension ? extensionSteps(policy) : policy.steps();
        return assemble(policy, planned, autoApprovalApplies, reasons, requester, requesterGroups, resource);
    }

    private ApprovalPlan assemble(
            PolicyDefinition policy,
            List<Step> planned,
            boolean autoApprovalApplies,
            List<String> reasons,
            User requester,
            Set<String> requesterGroups,
            Resource resource) {
        SelectorResolver resolver = new SelectorResolver(directory, requester, requesterGroups, resource);
        List<List<ApproverSelector>> everyone = new ArrayList<>();
        planned.forEach(step -> {
            everyone.add(step.approvers());
            everyone.add(step.escalateTo());
        });
        if (policy.breakGlass() != null) {
            everyone.add(policy.breakGlass().notifySelectors());
        }
        resolver.lookUpAll(everyone);
        String me = requester.username();
        boolean selfAllowed = policy.allowSelfApproval();
        boolean whenApprover = autoApprovalApplies && policy.autoApprove().whenRequesterIsApprover();
        List<PlannedStep> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            Step step = planned.get(i);
            TreeSet<String> named = resolver.approvers(step.approvers());
            boolean requesterNamed = named.contains(me);
            if (!selfAllowed) {
                named.remove(me);
            }
            TreeSet<String> escalation = resolver.approvers(step.escalateTo());
            if (!selfAllowed) {
                escalation.remove(me);
            }
            String stepAuto = whenApprover && requesterNamed
                    ? "requester '" + me + "' is an approver of " + label(i, step)
                            + " and the policy approves automatically in that case"
                    : null;
            steps.add(new PlannedStep(
                    step.name(),
                    step.requiredApprovals(),
                    List.copyOf(named),
                    step.timeout(),
                    step.onTimeout(),
                    List.copyOf(escalation),
                    stepAuto,
                    step.notifyChannels(),
                    step.allowedDecisionChannels()));
            if (requesterNamed && !selfAllowed && stepAuto == null) {
                reasons.add("requester '" + me + "' is left out of the approvers of " + label(i, step)
                        + ": nobody approves their own request");
            }
        }
        String autoApproved = autoApprovalApplies ? autoApproval(policy, planned, requester, requesterGroups) : null;
        if (autoApproved == null) {
            problems.addAll(feasibility(policy, planned, steps));
        }
        Limits limits = new Limits(
                policy.defaultDuration(),
                policy.maxDuration(),
                policy.requestTtl(),
                policy.requireJustification(),
                policy.ticketPattern(),
                maxTotalDuration(policy),
                Boolean.TRUE.equals(policy.startOnFirstUse()),
                Boolean.TRUE.equals(policy.startOnFirstUse()) ? policy.claimWindow() : null);
        return new ApprovalPlan(
                policy.name(),
                policy.priority(),
                List.copyOf(reasons),
                limits,
                selfAllowed,
                policy.distinctApproversAcrossSteps(),
                autoApproved,
                List.copyOf(steps),
                List.copyOf(problems),
                breakGlass(policy, resolver, me));
    }

    private static BreakGlassPlan breakGlass(PolicyDefinition policy, SelectorResolver resolver, String requester) {
        PolicyDefinition.BreakGlass block = policy.breakGlass();
        if (block == null) {
            return null;
        }
        TreeSet<String> told = resolver.approvers(block.notifySelectors());
        told.remove(requester);
        if (!block.isReviewed()) {
            return new BreakGlassPlan(block.maxDuration(), List.copyOf(told));
        }
        // nobody reviews their own emergency access
        TreeSet<String> reviewers = resolver.approvers(block.reviewers());
        reviewers.remove(requester);
        return new BreakGlassPlan(block.maxDuration(), List.copyOf(told), List.copyOf(reviewers), block.reviewWithin());
    }

    private String autoApproval(
            PolicyDefinition policy, List<Step> planned, User requester, Set<String> requesterGroups) {
        AutoApprove auto = policy.autoApprove();
        for (String trusted : new TreeSet<>(auto.requesterGroups())) {
            if (requesterGroups.contains(trusted)) {
                return "requester '" + requester.username() + "' is in the trusted group '" + trusted + "'";
            }
        }
        if (auto.minLevel() != null && requester.level() != null) {
            var wanted = directory.rankOf(auto.minLevel());
            var actual = directory.rankOf(requester.level());
            if (wanted.isPresent() && actual.isPresent() && actual.getAsInt() >= wanted.getAsInt()) {
                return "requester '" + requester.username() + "' has level '" + requester.level() + "', at or above '"
                        + auto.minLevel() + "'";
            }
        }
        if (planned.isEmpty()) {
            return "policy '" + policy.name() + "' has no approval steps";
        }
        return null;
    }

    private static List<String> feasibility(PolicyDefinition policy, List<Step> planned, List<PlannedStep> steps) {
        List<String> problems = new ArrayList<>();
        List<Integer> required = new ArrayList<>();
        List<Set<String>> eligible = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PlannedStep step = steps.get(i);
            if (step.autoApprovedBecause() != null) {
                continue;
            }
            int have = step.eligibleApprovers().size();
            if (have < step.requiredApprovals()) {
                problems.add(label(i, planned.get(i)) + " needs "
                        + Counted.of(step.requiredApprovals(), "approval") + " but has "
                        + Counted.of(have, "eligible approver"));
            }
            required.add(step.requiredApprovals());
            eligible.add(Set.copyOf(step.eligibleApprovers()));
            labels.add(label(i, planned.get(i)));
        }
        if (problems.isEmpty() && policy.distinctApproversAcrossSteps() && required.size() > 1) {
            int needed = required.stream().mapToInt(Integer::intValue).sum();
            int assignable = DistinctApprovers.assignable(required, eligible);
            if (assignable < needed) {
                problems.add(String.join(", ", labels) + " need " + needed
                        + " approvals from different people (one person may approve only one step), but only "
                        + assignable + " can be given by distinct eligible approvers");
            }
        }
        return problems;
    }

    /** The longest a grant under this policy may last in all, extensions included. */
    static Duration maxTotalDuration(PolicyDefinition policy) {
        Extension extension = policy.extension();
        return extension != null && extension.maxTotalDuration() != null
                ? extension.maxTotalDuration()
                : policy.maxDuration();
    }

    /**
     * The steps that approve an extension of a grant under this policy. An empty {@code extension.steps}
     * counts as none given, so that it falls back to the policy's own steps rather than approving every
     * extension unasked.
     */
    private static List<Step> extensionSteps(PolicyDefinition policy) {
        return hasExtensionSteps(policy) ? policy.extension().steps() : policy.steps();
    }

    private static boolean hasExtensionSteps(PolicyDefinition policy) {
        Extension extension = policy.extension();
        return extension != null
                && extension.steps() != null
                && !extension.steps().isEmpty();
    }

    static String label(int index, Step step) {
        int number = index + 1;
        return step.name() == null ? "step " + number : "step " + number + " ('" + step.name() + "')";
    }
}
