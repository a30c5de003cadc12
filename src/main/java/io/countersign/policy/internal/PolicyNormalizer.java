package io.countersign.policy.internal;

import io.countersign.policy.ApproverSelector;
import io.countersign.policy.OnTimeout;
import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyDefinition.AutoApprove;
import io.countersign.policy.PolicyDefinition.BreakGlass;
import io.countersign.policy.PolicyDefinition.Conditions;
import io.countersign.policy.PolicyDefinition.Extension;
import io.countersign.policy.PolicyDefinition.Step;
import io.countersign.shared.Names;
import io.countersign.shared.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fills in defaults and puts names in canonical form. Tolerates any input, nulls included, so that
 * validation afterwards can report every problem of the original with its path; {@code conditions}
 * and {@code steps} stay null when absent because their absence is itself a problem.
 */
public final class PolicyNormalizer {

    private PolicyNormalizer() {}

    public static PolicyDefinition normalize(PolicyDefinition in) {
        return new PolicyDefinition(
                Names.canonical(in.name()),
                in.enabled() == null || in.enabled(),
                in.priority() == null ? 0 : in.priority(),
                in.conditions() == null ? null : conditions(in.conditions()),
                orDefault(in.defaultDuration(), PolicyDefinition.DEFAULT_DURATION),
                orDefault(in.maxDuration(), PolicyDefinition.DEFAULT_MAX_DURATION),
                orDefault(in.requestTtl(), PolicyDefinition.DEFAULT_REQUEST_TTL),
                Boolean.TRUE.equals(in.requireJustification()),
                in.ticketPattern() == null || in.ticketPattern().isBlank() ? null : in.ticketPattern(),
                Boolean.TRUE.equals(in.allowSelfApproval()),
                in.distinctApproversAcrossSteps() == null || in.distinctApproversAcrossSteps(),
                autoApprove(in.autoApprove()),
                in.steps() == null ? null : map(in.steps(), PolicyNormalizer::step),
                extension(in.extension()),
                Boolean.TRUE.equals(in.startOnFirstUse()),
                in.claimWindow(),
                breakGlass(in.breakGlass()));
    }

    private static BreakGlass breakGlass(BreakGlass in) {
        return in == null
                ? null
                : new BreakGlass(
                        in.maxDuration(),
                        in.notifySelectors() == null
                                ? List.of()
                                : map(in.notifySelectors(), PolicyNormalizer::selector),
                        in.reviewers() == null ? List.of() : map(in.reviewers(), PolicyNormalizer::selector),
                        in.reviewWithin());
    }

    private static Extension extension(Extension in) {
        if (in == null) {
            return null;
        }
        return new Extension(
                in.maxTotalDuration(), in.steps() == null ? null : map(in.steps(), PolicyNormalizer::step));
    }

    private static Conditions conditions(Conditions in) {
        return new Conditions(
                blankToNull(Names.canonical(in.resourceName())),
                blankToNull(Names.canonical(in.accountName())),
                names(in.resourceGroups()),
                names(in.resourceTypes()),
                names(in.requesterGroups()),
                labels(in.labels()));
    }

    /**
     * Label keys lower-cased, as a resource's are, so that a condition matches however its key was
     * written. Keys that differ only in case are left as sent, for the validator to name the repeat.
     */
    private static Map<String, String> labels(Map<String, String> in) {
        if (in == null) {
            return Map.of();
        }
        Map<String, String> canonical = new LinkedHashMap<>();
        for (Map.Entry<String, String> label : in.entrySet()) {
            String key = Names.canonical(label.getKey());
            if (canonical.containsKey(key)) {
                return new LinkedHashMap<>(in);
            }
            canonical.put(key, label.getValue());
        }
        return canonical;
    }

    private static AutoApprove autoApprove(AutoApprove in) {
        if (in == null) {
            return AutoApprove.off();
        }
        return new AutoApprove(
                names(in.requesterGroups()),
                blankToNull(Names.canonical(in.minLevel())),
                Boolean.TRUE.equals(in.whenRequesterIsApprover()));
    }

    private static Step step(Step in) {
        if (in == null) {
            return null;
        }
        OnTimeout onTimeout = in.onTimeout() == null && in.timeout() != null ? OnTimeout.REJECT : in.onTimeout();
        return new Step(
                in.name() == null || in.name().isBlank() ? null : Text.strip(in.name()),
                in.approvers() == null ? List.of() : map(in.approvers(), PolicyNormalizer::selector),
                in.requiredApprovals() == null ? 1 : in.requiredApprovals(),
                in.timeout(),
                onTimeout,
                in.escalateTo() == null ? List.of() : map(in.escalateTo(), PolicyNormalizer::selector),
                in.notifyChannels() == null ? List.of() : names(in.notifyChannels()),
                in.allowedDecisionChannels() == null
                        ? List.of()
                        : in.allowedDecisionChannels().stream()
                                .map(c -> c == null ? null : c.strip().toUpperCase(java.util.Locale.ROOT))
                                .distinct()
                                .toList());
    }

    private static ApproverSelector selector(ApproverSelector in) {
        if (in == null) {
            return null;
        }
        return new ApproverSelector(
                Names.canonical(in.user()),
                Names.canonical(in.group()),
                Names.canonical(in.minLevel()),
                in.requesterManager(),
                in.requesterGroupManagers(),
                in.resourceGroupManagers(),
                in.resourceOwners());
    }

    private static List<String> names(List<String> in) {
        return in == null ? List.of() : map(in, Names::canonical);
    }

    /** Like {@code List.copyOf(...)} of the mapped values, but keeps nulls for validation to report. */
    private static <T, R> List<R> map(List<T> in, Function<T, R> f) {
        List<R> out = new ArrayList<>(in.size());
        for (T item : in) {
            out.add(item == null ? null : f.apply(item));
        }
        return Collections.unmodifiableList(out);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
