package io.countersign.policy.internal;

import io.countersign.directory.DirectoryReferences;
import io.countersign.policy.ApproverSelector;
import io.countersign.policy.PolicyDefinition;
import io.countersign.shared.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Refuses the removal of a group or level that a policy still names: a policy whose approvers
 * silently vanished would refuse every request, or worse, match where it should not. The same holds
 * for a user a policy names as approver or break-glass reviewer, and worse: a later user given the
 * same name would take that place without anyone deciding so.
 */
@Component
class PolicyReferences implements DirectoryReferences {

    private final PolicyStore store;

    PolicyReferences(PolicyStore store) {
        this.store = store;
    }

    @Override
    public List<String> usesOfGroup(String group) {
        return usesOf(Names.canonical(group), PolicyReferences::groupsNamed);
    }

    @Override
    public List<String> usesOfLevel(String level) {
        return usesOf(Names.canonical(level), PolicyReferences::levelsNamed);
    }

    @Override
    public List<String> usesOfUser(String username) {
        return usesOf(Names.canonical(username), policy -> selectors(policy).map(ApproverSelector::user));
    }

    private List<String> usesOf(String name, Function<PolicyDefinition, Stream<String>> names) {
        List<String> uses = new ArrayList<>();
        for (PolicyDefinition policy : store.all()) {
            if (names.apply(policy)
                    .filter(Objects::nonNull)
                    .map(Names::canonical)
                    .anyMatch(name::equals)) {
                uses.add(PolicyDefinition.reference(policy.name()));
            }
        }
        return uses;
    }

    private static Stream<String> groupsNamed(PolicyDefinition policy) {
        var conditions = policy.conditions();
        var auto = policy.autoApprove();
        return Stream.of(
                        conditions == null ? Stream.<String>empty() : listed(conditions.resourceGroups()),
                        conditions == null ? Stream.<String>empty() : listed(conditions.requesterGroups()),
                        auto == null ? Stream.<String>empty() : listed(auto.requesterGroups()),
                        selectors(policy).map(ApproverSelector::group))
                .flatMap(Function.identity());
    }

    private static Stream<String> levelsNamed(PolicyDefinition policy) {
        var auto = policy.autoApprove();
        return Stream.concat(
                auto == null ? Stream.empty() : Stream.of(auto.minLevel()),
                selectors(policy).map(ApproverSelector::minLevel));
    }

    /**
     * Every selector of the policy: the approvers and escalations of its steps and of its extension
     * steps, and whom break-glass tells and asks to review.
     */
    private static Stream<ApproverSelector> selectors(PolicyDefinition policy) {
        PolicyDefinition.Extension extension = policy.extension();
        Stream<ApproverSelector> steps = Stream.concat(
                        listed(policy.steps()), extension == null ? Stream.empty() : listed(extension.steps()))
                .flatMap(step -> Stream.concat(listed(step.approvers()), listed(step.escalateTo())));
        PolicyDefinition.BreakGlass breakGlass = policy.breakGlass();
        return breakGlass == null
                ? steps
                : Stream.of(steps, listed(breakGlass.notifySelectors()), listed(breakGlass.reviewers()))
                        .flatMap(Function.identity());
    }

    private static <T> Stream<T> listed(List<T> values) {
        return values == null ? Stream.empty() : values.stream();
    }
}
