package io.countersign.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.BreakGlassPlan;
import io.countersign.policy.Limits;
import io.countersign.policy.OnTimeout;
import io.countersign.policy.PlannedStep;
import io.countersign.policy.PolicyExplanation;
import io.countersign.request.Delegation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer of {@code POST /policies/explain}. Each step lists the delegations in force now from
 * its approvers ({@code delegates}); {@code breakGlass} says whether and how emergency access is allowed. Without a match only the request's names,
 * {@code matched: false}, {@code code} and {@code reason} are set. With a match, {@code code} and
 * {@code reason} are set when a creation would be refused for too few approvers, as it would say.
 */
record PolicyExplainResponse(
        boolean matched,
        String requester,
        String resource,
        String account,
        String policy,
        Integer priority,
        List<String> reasons,
        Limits limits,
        Boolean allowSelfApproval,
        Boolean distinctApproversAcrossSteps,
        boolean autoApproved,
        String autoApprovedBecause,
        List<Step> steps,
        Boolean feasible,
        List<String> problems,
        String code,
        String reason,
        BreakGlass breakGlass) {

    /**
     * Whether the governing policy allows break-glass access and, when it does, for how long at most,
     * who would be told of its use now, who would review it ({@code reviewers}) and within how long
     * ({@code reviewWithin}); {@code review} says so in words, also when uses go unreviewed because
     * the block was stored before reviews existed. A use nobody could review is not allowed: {@code
     * code} is then what a creation's refusal carries ({@code no_reviewer}), as it is {@code
     * not_allowed} without a block. Named apart from the policy's own block.
     */
    @Schema(
            name = "ExplainedBreakGlass",
            requiredProperties = {"allowed", "notify", "reviewers"})
    record BreakGlass(
            boolean allowed,
            String code,
            Duration maxDuration,
            @JsonProperty("notify") List<String> notified,
            List<String> reviewers,
            Duration reviewWithin,
            String review) {

        static BreakGlass of(BreakGlassPlan plan) {
            if (plan == null) {
                return new BreakGlass(false, "not_allowed", null, List.of(), List.of(), null, null);
            }
            String review = !plan.isReviewed()
                    ? "uses are not reviewed: the policy's break-glass block names no reviewers and no reviewWithin"
                    : plan.lacksReviewer()
                            ? "each use is to be reviewed within " + plan.reviewWithin()
                                    + ", but no active user other than the requester would review it now, so"
                                    + " it would be refused"
                            : "each use is to be reviewed within " + plan.reviewWithin() + " by one of "
                                    + plan.reviewers();
            return new BreakGlass(
                    !plan.lacksReviewer(),
                    plan.lacksReviewer() ? BreakGlassPlan.NO_REVIEWER : null,
                    plan.maxDuration(),
                    plan.notified(),
                    plan.reviewers(),
                    plan.reviewWithin(),
                    review);
        }
    }

    // named apart from the policy's own Step, whose schema the description would otherwise reuse
    @Schema(name = "ExplainedStep")
    record Step(
            int index,
            String name,
            int requiredApprovals,
            List<String> eligibleApprovers,
            Duration timeout,
            OnTimeout onTimeout,
            List<String> escalationApprovers,
            String autoApprovedBecause,
            List<StepDelegate> delegates) {}

    /**
     * A delegation in force now from an eligible approver of the step: its delegate may decide in the
     * approver's place until {@code until} (a delegate who is the requester never decides).
     */
    record StepDelegate(String delegate, String onBehalfOf, Instant until) {}

    static PolicyExplainResponse of(PolicyExplanation e, List<Delegation> inForce) {
        ApprovalPlan plan = e.plan();
        if (!e.matched()) {
            return new PolicyExplainResponse(
                    false,
                    e.requester(),
                    e.resource(),
                    e.account(),
                    null,
                    null,
                    List.of(),
                    null,
                    null,
                    null,
                    false,
                    null,
                    List.of(),
                    null,
                    List.of(),
                    "no_matching_policy",
                    e.refusal(),
                    null);
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            PlannedStep s = plan.steps().get(i);
            steps.add(new Step(
                    i,
                    s.name(),
                    s.requiredApprovals(),
                    s.eligibleApprovers(),
                    s.timeout(),
                    s.onTimeout(),
                    s.escalationApprovers(),
                    s.autoApprovedBecause(),
                    inForce.stream()
                            .filter(d ->
                                    s.eligibleApprovers().contains(d.delegator().username()))
                            .filter(d -> !d.delegate().username().equals(e.requester()))
                            .map(d -> new StepDelegate(
                                    d.delegate().username(), d.delegator().username(), d.endsAt()))
                            .toList()));
        }
        return new PolicyExplainResponse(
                true,
                e.requester(),
                e.resource(),
                e.account(),
                plan.policyName(),
                plan.priority(),
                plan.reasons(),
                plan.limits(),
                plan.allowSelfApproval(),
                plan.distinctApproversAcrossSteps(),
                plan.autoApprovedBecause() != null,
                plan.autoApprovedBecause(),
                steps,
                plan.isFeasible(),
                plan.problems(),
                e.refusal() == null ? null : "too_few_approvers",
                e.refusal(),
                BreakGlass.of(plan.breakGlass()));
    }
}
