package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.Problems;
import io.countersign.shared.Role;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeRulesTests {

    private final Problems problems = new Problems();

    private List<String> check(EnforcerScope scope, Role role) {
        ScopeRules.check(problems, ScopeRules.normalize(scope), role, Set.of("ops")::contains);
        return problems.issues().stream()
                .map(issue -> issue.field() + ":" + issue.code())
                .toList();
    }

    @Test
    void namesAreCanonicalInTheGivenOrder() {
        EnforcerScope scope = ScopeRules.normalize(new EnforcerScope(List.of(" Prod-* ", "lab-?"), List.of("OPS")));

        assertThat(scope.resources()).containsExactly("prod-*", "lab-?");
        assertThat(scope.resourceGroups()).containsExactly("ops");
    }

    @Test
    void aNameRepeatedInAnotherCaseIsRefusedWhereItRepeats() {
        assertThat(check(
                        new EnforcerScope(List.of("prod-*", " Prod-* ", "lab-?"), List.of("ops", "OPS", "ops")),
                        Role.ENFORCER))
                .containsExactly(
                        "scope.resources[1]:duplicate",
                        "scope.resourceGroups[1]:duplicate",
                        "scope.resourceGroups[2]:duplicate");
        assertThat(problems.issues().get(2).message()).isEqualTo("'ops' is already entry 1 of the resourceGroups");
    }

    @Test
    void aValidScopeOfAnEnforcerPasses() {
        assertThat(check(new EnforcerScope(List.of("prod-?b", "*.internal"), List.of("ops")), Role.ENFORCER))
                .isEmpty();
        assertThat(check(null, Role.USER)).isEmpty();
    }

    @Test
    void everyBadEntryIsReported() {
        assertThat(check(new EnforcerScope(List.of("prod-**", "a b"), List.of("nope", "Bad Name!")), Role.ENFORCER))
                .containsExactly(
                        "scope.resources[0]:invalid_glob",
                        "scope.resources[1]:invalid_glob",
                        "scope.resourceGroups[0]:unknown_group",
                        "scope.resourceGroups[1]:invalid_name");
    }

    @Test
    void tooManyEntriesAreRefused() {
        List<String> many = Collections.nCopies(1, "x").stream()
                .flatMap(x -> java.util.stream.IntStream.range(0, ScopeRules.MAX_ENTRIES + 1)
                        .mapToObj(i -> "r" + i))
                .toList();

        assertThat(check(new EnforcerScope(many, List.of()), Role.ENFORCER))
                .containsExactly("scope.resources:too_many");
    }

    @Test
    void onlyAnEnforcerCarriesAScopeAndItIsNeverEmpty() {
        assertThat(check(new EnforcerScope(List.of("x"), null), Role.AUDITOR)).containsExactly("scope:not_enforcer");
        problems.issues().forEach(FieldIssue::code);
        assertThat(new ScopeRulesTests().check(new EnforcerScope(null, null), Role.ENFORCER))
                .containsExactly("scope:empty");
    }
}
