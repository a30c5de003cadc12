package io.countersign.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.countersign.shared.Names;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A policy in the shape of the REST contract. As input, every field but {@code name},
 * {@code conditions} and {@code steps} may be omitted and gets its default; as output (see
 * {@link Policies#get}) every default is filled in. {@code steps} must be given, and an empty list
 * means requests are approved automatically: that is never the result of forgetting the field.
 *
 * <p>Defaults: enabled {@code true}, priority {@code 0}, defaultDuration {@code PT1H}, maxDuration
 * {@code PT8H}, requestTtl {@code PT24H}, requireJustification {@code false}, no ticketPattern,
 * allowSelfApproval {@code false}, distinctApproversAcrossSteps {@code true}, autoApprove off, each
 * step's requiredApprovals {@code 1} and, when it has a timeout, onTimeout {@code REJECT},
 * startOnFirstUse {@code false}. Without {@code extension}, a grant may be extended through the
 * policy's own steps up to maxDuration in all.
 *
 * <p>With {@code startOnFirstUse} an approved grant waits, unused, for the first access check that
 * allows it and lasts its duration from then; {@code claimWindow} (required with it) is how long it
 * waits before it expires unclaimed.
 */
public record PolicyDefinition(
        String name,
        Boolean enabled,
        Integer priority,
        Conditions conditions,
        Duration defaultDuration,
        Duration maxDuration,
        Duration requestTtl,
        Boolean requireJustification,
        String ticketPattern,
        Boolean allowSelfApproval,
        Boolean distinctApproversAcrossSteps,
        AutoApprove autoApprove,
        List<Step> steps,
        Extension extension,
        Boolean startOnFirstUse,
        Duration claimWindow,
        BreakGlass breakGlass) {

    /** A policy without a break-glass block. */
    public PolicyDefinition(
            String name,
            Boolean enabled,
            Integer priority,
            Conditions conditions,
            Duration defaultDuration,
            Duration maxDuration,
            Duration requestTtl,
            Boolean requireJustification,
            String ticketPattern,
            Boolean allowSelfApproval,
            Boolean distinctApproversAcrossSteps,
            AutoApprove autoApprove,
            List<Step> steps,
            Extension extension,
            Boolean startOnFirstUse,
            Duration claimWindow) {
        this(
                name,
                enabled,
                priority,
                conditions,
                defaultDuration,
                maxDuration,
                requestTtl,
                requireJustification,
                ticketPattern,
                allowSelfApproval,
                distinctApproversAcrossSteps,
                autoApprove,
                steps,
                extension,
                startOnFirstUse,
                claimWindow,
                null);
    }

    /** A policy without an extension block whose grants start on approval. */
    public PolicyDefinition(
            String name,
            Boolean enabled,
            Integer priority,
            Conditions conditions,
            Duration defaultDuration,
            Duration maxDuration,
            Duration requestTtl,
            Boolean requireJustification,
            String ticketPattern,
            Boolean allowSelfApproval,
            Boolean distinctApproversAcrossSteps,
            AutoApprove autoApprove,
            List<Step> steps) {
        this(
                name,
                enabled,
                priority,
                conditions,
                defaultDuration,
                maxDuration,
                requestTtl,
                requireJustification,
                ticketPattern,
                allowSelfApproval,
                distinctApproversAcrossSteps,
                autoApprove,
                steps,
                null,
                null,
                null,
                null);
    }

    /**
     * How a grant under this policy may be extended: up to {@code maxTotalDuration} from its start in
     * all, approved by {@code steps} (null: the policy's own steps).
     */
    public record Extension(Duration maxTotalDuration, List<Step> steps) {}

    /**
     * Emergency access under this policy: a request marked {@code breakGlass} is approved at once for
     * at most {@code maxDuration}, and everyone the {@code notify} selectors match is told. Each use is
     * then to be reviewed within {@code reviewWithin} by one of the people the {@code reviewers}
     * selectors match; a block stored before reviews existed has neither, and its uses open no review.
     */
    public record BreakGlass(
            Duration maxDuration,
            // "notify" on the wire: a record component cannot be named after Object.notify()
            @JsonProperty("notify") List<ApproverSelector> notifySelectors,
            List<ApproverSelector> reviewers,
            Duration reviewWithin) {

        public BreakGlass {
            notifySelectors = notifySelectors == null ? List.of() : notifySelectors;
            reviewers = reviewers == null ? List.of() : reviewers;
        }

        /** A block without a review, as stored before reviews existed. */
        public BreakGlass(Duration maxDuration, List<ApproverSelector> notifySelectors) {
            this(maxDuration, notifySelectors, List.of(), null);
        }

        /**
         * Whether each use opens a review. Shown as {@code reviewed} when a policy is read, and
         * accepted but not read when one is written, so that a policy read back may be sent as is.
         */
        @JsonProperty(value = "reviewed", access = JsonProperty.Access.READ_ONLY)
        public boolean isReviewed() {
            return reviewWithin != null && !reviewers.isEmpty();
        }
    }

    /** This policy allowing break-glass access as {@code block} says (null: not at all). */
    public PolicyDefinition withBreakGlass(BreakGlass block) {
        return copy(name, enabled, startOnFirstUse, claimWindow, block);
    }

    public static final Duration DEFAULT_DURATION = Duration.ofHours(1);
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(8);
    public static final Duration DEFAULT_REQUEST_TTL = Duration.ofHours(24);

    /**
     * Which requests the policy governs. {@code resourceName} and {@code accountName} are globs; at
     * least one must be given, and an absent one matches every name. The lists narrow further:
     * resource in one of {@code resourceGroups}, of one of {@code resourceTypes}, requester in one of
     * {@code requesterGroups}, and every one of {@code labels} present on the resource.
     */
    public record Conditions(
            String resourceName,
            String accountName,
            List<String> resourceGroups,
            List<String> resourceTypes,
            List<String> requesterGroups,
            Map<String, String> labels) {

        public static Conditions on(String resourceName, String accountName) {
            return new Conditions(resourceName, accountName, List.of(), List.of(), List.of(), Map.of());
        }
    }

    /** When a request needs no human decision; {@code minLevel} may be null. */
    public record AutoApprove(List<String> requesterGroups, String minLevel, Boolean whenRequesterIsApprover) {

        public static AutoApprove off() {
            return new AutoApprove(List.of(), null, false);
        }
    }

    /**
     * One approval step; {@code name}, {@code timeout} and {@code onTimeout} may be null. {@code notify}
     * names the chat channels that tell the step's approvers (besides the default ones);
     * {@code allowedDecisionChannels} narrows where the step may be decided (empty: anywhere).
     */
    public record Step(
            String name,
            List<ApproverSelector> approvers,
            Integer requiredApprovals,
            Duration timeout,
            OnTimeout onTimeout,
            List<ApproverSelector> escalateTo,
            // "notify" on the wire: a record component cannot be named after Object.notify()
            @JsonProperty("notify") List<String> notifyChannels,
            List<String> allowedDecisionChannels) {

        /** The most approvals a step may require. */
        public static final int MAX_REQUIRED_APPROVALS = 100;

        /**
         * What a body is told whose number at {@code path} does not fit even the type it is read as:
         * the range of the step's field when the path is a step's {@code requiredApprovals}, else null.
         */
        public static String rangeAt(String path) {
            return path.endsWith("requiredApprovals") ? "must be between 1 and " + MAX_REQUIRED_APPROVALS : null;
        }

        /** Policies stored before these fields existed read back with none. */
        public Step {
            notifyChannels = notifyChannels == null ? List.of() : notifyChannels;
            allowedDecisionChannels = allowedDecisionChannels == null ? List.of() : allowedDecisionChannels;
        }

        public Step(
                String name,
                List<ApproverSelector> approvers,
                Integer requiredApprovals,
                Duration timeout,
                OnTimeout onTimeout,
                List<ApproverSelector> escalateTo) {
            this(name, approvers, requiredApprovals, timeout, onTimeout, escalateTo, List.of(), List.of());
        }

        public static Step of(String name, int requiredApprovals, ApproverSelector... approvers) {
            return new Step(name, List.of(approvers), requiredApprovals, null, null, List.of());
        }
    }

    /** A policy with the given name, conditions and steps, everything else left to its default. */
    /** How a policy is named where it refers to another entry ({@code policy:prod-access}). */
    public static String reference(String name) {
        return "policy:" + Names.canonical(name);
    }

    public static PolicyDefinition of(String name, Conditions conditions, List<Step> steps) {
        return new PolicyDefinition(
                name, null, null, conditions, null, null, null, null, null, null, null, null, steps);
    }

    public PolicyDefinition withName(String newName) {
        return copy(newName, enabled, startOnFirstUse, claimWindow, breakGlass);
    }

    /** This policy with its grants' clocks starting at their first use, unused ones expiring after {@code window}. */
    public PolicyDefinition startingOnFirstUse(Duration window) {
        return copy(name, enabled, true, window, breakGlass);
    }

    public PolicyDefinition withEnabled(boolean newEnabled) {
        return copy(name, newEnabled, startOnFirstUse, claimWindow, breakGlass);
    }

    /** This policy with these fields changed and every other one kept: where each {@code with…} copy is made. */
    private PolicyDefinition copy(
            String newName, Boolean newEnabled, Boolean newStartOnFirstUse, Duration newClaimWindow, BreakGlass block) {
        return new PolicyDefinition(
                newName,
                newEnabled,
                priority,
                conditions,
                defaultDuration,
                maxDuration,
                requestTtl,
                requireJustification,
                ticketPattern,
                allowSelfApproval,
                distinctApproversAcrossSteps,
                autoApprove,
                steps,
                extension,
                newStartOnFirstUse,
                newClaimWindow,
                block);
    }
}
