package io.countersign.security;

import io.countersign.policy.NamePattern;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import io.countersign.shared.Role;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** What makes an enforcer scope acceptable; plain rules, every problem reported at once. */
final class ScopeRules {

    static final int MAX_ENTRIES = 100;

    private ScopeRules() {}

    /** Canonical names, duplicates dropped, order kept. */
    static EnforcerScope normalize(EnforcerScope scope) {
        return scope == null
                ? null
                : new EnforcerScope(canonical(scope.resources()), canonical(scope.resourceGroups()));
    }

    static void check(Problems problems, EnforcerScope scope, Role role, Predicate<String> groupExists) {
        if (scope == null) {
            return;
        }
        if (!problems.check(
                role == Role.ENFORCER,
                "scope",
                "not_enforcer",
                "only an ENFORCER account can be limited to resources; leave scope out for role " + role)) {
            return;
        }
        if (!problems.check(
                !scope.resources().isEmpty() || !scope.resourceGroups().isEmpty(),
                "scope",
                "empty",
                "must name at least one resource glob or resource group; leave scope out to allow every resource")) {
            return;
        }
        checkSize(problems, scope.resources(), "scope.resources");
        checkSize(problems, scope.resourceGroups(), "scope.resourceGroups");
        for (int i = 0; i < scope.resources().size(); i++) {
            String field = "scope.resources[" + i + "]";
            NamePattern.syntaxError(scope.resources().get(i))
                    .ifPresent(error -> problems.add(field, "invalid_glob", error));
        }
        for (int i = 0; i < scope.resourceGroups().size(); i++) {
            String group = scope.resourceGroups().get(i);
            String field = "scope.resourceGroups[" + i + "]";
            if (Names.check(problems, group, field)) {
                problems.check(groupExists.test(group), field, "unknown_group", "no group '" + group + "' exists");
            }
        }
    }

    private static void checkSize(Problems problems, List<String> entries, String field) {
        problems.check(
                entries.size() <= MAX_ENTRIES, field, "too_many", "must have at most " + MAX_ENTRIES + " entries");
    }

    private static List<String> canonical(List<String> names) {
        Set<String> unique = new LinkedHashSet<>();
        names.forEach(name -> unique.add(name == null ? "" : Names.canonical(name)));
        return List.copyOf(unique);
    }
}
