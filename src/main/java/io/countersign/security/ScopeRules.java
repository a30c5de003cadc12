package io.countersign.security;

import io.countersign.policy.NamePattern;
import io.countersign.shared.DistinctNames;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import io.countersign.shared.Role;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** What makes an enforcer scope acceptable; plain rules, every problem reported at once. */
final class ScopeRules {

    static final int MAX_ENTRIES = 100;

    private ScopeRules() {}

    /** Canonical names in the given order; a repeated one stays for {@link #check} to refuse. */
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
        DistinctNames globs = new DistinctNames("scope.resources");
        for (int i = 0; i < scope.resources().size(); i++) {
            String glob = scope.resources().get(i);
            Optional<String> error = NamePattern.syntaxError(glob);
            if (error.isPresent()) {
                problems.add("scope.resources[" + i + "]", "invalid_glob", error.get());
            } else {
                globs.first(problems, glob, i);
            }
        }
        DistinctNames groupNames = new DistinctNames("scope.resourceGroups");
        for (int i = 0; i < scope.resourceGroups().size(); i++) {
            String group = scope.resourceGroups().get(i);
            String field = "scope.resourceGroups[" + i + "]";
            if (Names.check(problems, group, field) && groupNames.first(problems, group, i)) {
                problems.check(groupExists.test(group), field, "unknown_group", "no group '" + group + "' exists");
            }
        }
    }

    private static void checkSize(Problems problems, List<String> entries, String field) {
        problems.check(
                entries.size() <= MAX_ENTRIES, field, "too_many", "must have at most " + MAX_ENTRIES + " entries");
    }

    private static List<String> canonical(List<String> names) {
        return names.stream()
                .map(name -> name == null ? "" : Names.canonical(name))
                .toList();
    }
}
