package io.countersign.policy.internal;

import static io.countersign.policy.internal.PolicyBuilder.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.policy.PolicyDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyMatchingTests {

    private static MatchSubject request(String resource, String account) {
        return new MatchSubject("dev", Set.of(), resource, "database", Set.of(), Map.of(), account);
    }

    private static String governing(MatchSubject subject, PolicyBuilder... policies) {
        List<CompiledPolicy> compiled = new ArrayList<>();
        for (PolicyBuilder p : policies) {
            compiled.add(p.compile());
        }
        return PolicyIndex.of(compiled)
                .governing(subject)
                .map(CompiledPolicy::name)
                .orElse(null);
    }

    @Test
    void theHighestPriorityWinsOverAMoreSpecificPolicy() {
        assertThat(governing(
                        request("prod-pg", "root"),
                        policy("exact").resource("prod-pg").account("root").priority(1),
                        policy("broad").resource("*").priority(100)))
                .isEqualTo("broad");
    }

    @Test
    void onEqualPriorityFewerWildcardsWin() {
        assertThat(governing(
                        request("prod-pg", "root"),
                        policy("a-broad").resource("prod-*"),
                        policy("z-exact").resource("prod-pg")))
                .isEqualTo("z-exact");
    }

    @Test
    void anAbsentAccountPatternCountsAsAWildcard() {
        assertThat(governing(
                        request("prod-pg", "root"),
                        policy("a-resource-only").resource("prod-*"),
                        policy("z-both").resource("prod-*").account("root")))
                .isEqualTo("z-both");
    }

    @Test
    void onEqualWildcardsMoreLiteralTextWins() {
        assertThat(governing(
                        request("prod-pg", "root"),
                        policy("a-short").resource("p*"),
                        policy("z-long").resource("prod-*")))
                .isEqualTo("z-long");
    }

    @Test
    void onEqualPatternsMoreConditionsWin() {
        assertThat(governing(
                        new MatchSubject("dev", Set.of("sre"), "prod-pg", "database", Set.of(), Map.of(), "root"),
                        policy("a-plain").resource("prod-*"),
                        policy("z-narrowed").resource("prod-*").requesterGroups("sre")))
                .isEqualTo("z-narrowed");
    }

    @Test
    void aCompleteTieGoesToTheNameFirstInAlphabeticalOrder() {
        assertThat(governing(
                        request("prod-pg", "root"),
                        policy("beta").resource("prod-*"),
                        policy("alpha").resource("prod-*"),
                        policy("gamma").resource("prod-*")))
                .isEqualTo("alpha");
    }

    @Test
    void disabledPoliciesNeverMatch() {
        assertThat(governing(
                        request("prod-pg", "root"),
                        policy("off").resource("prod-pg").priority(100).disabled(),
                        policy("on").resource("*")))
                .isEqualTo("on");
    }

    @Test
    void noPolicyMatchesANameOutsideEveryPattern() {
        assertThat(governing(
                        request("dev-pg", "root"),
                        policy("prod").resource("prod-*"),
                        policy("admins").account("*-admin")))
                .isNull();
    }

    @Test
    void bothPatternsMustHoldWhenBothAreGiven() {
        PolicyBuilder both = policy("both").resource("prod-*").account("*-admin");

        assertThat(governing(request("prod-pg", "rw-admin"), both)).isEqualTo("both");
        assertThat(governing(request("prod-pg", "root"), both)).isNull();
        assertThat(governing(request("dev-pg", "rw-admin"), both)).isNull();
    }

    @Test
    void anAccountOnlyPolicyMatchesEveryResource() {
        assertThat(governing(request("anything", "rw-admin"), policy("admins").account("*-admin")))
                .isEqualTo("admins");
    }

    @Test
    void resourceGroupsNeedTheResourceInAtLeastOne() {
        PolicyBuilder p = policy("grouped").resource("*").resourceGroups("payments", "ledger");

        assertThat(governing(subjectWithResourceGroups("ledger", "other"), p)).isEqualTo("grouped");
        assertThat(governing(subjectWithResourceGroups("other"), p)).isNull();
        assertThat(governing(subjectWithResourceGroups(), p)).isNull();
    }

    @Test
    void resourceTypesNeedTheResourceToBeOfOneOfThem() {
        PolicyBuilder p = policy("typed").resource("*").resourceTypes("ssh", "rdp");

        assertThat(governing(withType("ssh"), p)).isEqualTo("typed");
        assertThat(governing(withType("database"), p)).isNull();
    }

    @Test
    void requesterGroupsNeedTheRequesterInAtLeastOne() {
        PolicyBuilder p = policy("team").resource("*").requesterGroups("sre", "dba");

        assertThat(governing(new MatchSubject("dev", Set.of("dba"), "x", "ssh", Set.of(), Map.of(), "root"), p))
                .isEqualTo("team");
        assertThat(governing(new MatchSubject("dev", Set.of("qa"), "x", "ssh", Set.of(), Map.of(), "root"), p))
                .isNull();
    }

    @Test
    void labelsMustAllBePresentWithTheirValues() {
        PolicyBuilder p = policy("labelled").resource("*").label("env", "prod").label("tier", "1");

        assertThat(governing(withLabels(Map.of("env", "prod", "tier", "1", "x", "y")), p))
                .isEqualTo("labelled");
        assertThat(governing(withLabels(Map.of("env", "prod")), p)).isNull();
        assertThat(governing(withLabels(Map.of("env", "prod", "tier", "2")), p)).isNull();
    }

    @Test
    void aLabelConditionMatchesWhateverTheCaseOfItsKey() {
        // as saved before label keys were lower-cased: the resource's keys always were
        PolicyDefinition saved = policy("labelled").resource("*").build();
        PolicyDefinition.Conditions on = saved.conditions();
        CompiledPolicy compiled = CompiledPolicy.of(new PolicyDefinition(
                saved.name(),
                saved.enabled(),
                saved.priority(),
                new PolicyDefinition.Conditions(
                        on.resourceName(), on.accountName(), List.of(), List.of(), List.of(), Map.of("Env", "prod")),
                saved.defaultDuration(),
                saved.maxDuration(),
                saved.requestTtl(),
                saved.requireJustification(),
                saved.ticketPattern(),
                saved.allowSelfApproval(),
                saved.distinctApproversAcrossSteps(),
                saved.autoApprove(),
                saved.steps(),
                saved.extension(),
                saved.startOnFirstUse(),
                saved.claimWindow()));

        assertThat(compiled.matches(withLabels(Map.of("env", "prod")))).isTrue();
        assertThat(governing(
                        withLabels(Map.of("env", "prod")),
                        policy("new").resource("*").label("Env", "prod")))
                .isEqualTo("new");
    }

    @Test
    void aBetterPolicyFiledUnderAnotherAnchorStillWins() {
        // the resource-prefix, resource-suffix, account and residue buckets are merged by rank
        assertThat(governing(
                        request("prod-pg-admin", "root"),
                        policy("prefix").resource("prod-*").priority(1),
                        policy("suffix").resource("*-admin").priority(2),
                        policy("account").account("root").priority(3),
                        policy("residue").resource("*").priority(4)))
                .isEqualTo("residue");
        assertThat(governing(
                        request("prod-pg-admin", "root"),
                        policy("prefix").resource("prod-*").priority(1),
                        policy("suffix").resource("*-admin").priority(2),
                        policy("account").account("root").priority(3)))
                .isEqualTo("account");
    }

    @Test
    void theFirstCandidateThatFailsAConditionFallsThroughToTheNext() {
        assertThat(governing(
                        request("prod-pg", "root"),
                        policy("typed").resource("prod-pg").resourceTypes("ssh").priority(10),
                        policy("fallback").resource("prod-*")))
                .isEqualTo("fallback");
    }

    @Test
    void listsTheRunnerUpAfterTheGoverningPolicy() {
        PolicyIndex index = PolicyIndex.of(List.of(
                policy("catch-all").resource("*").compile(),
                policy("prod").resource("prod-*").priority(100).compile(),
                policy("other").resource("dev-*").priority(200).compile()));

        assertThat(index.matching(request("prod-pg", "root"), 5))
                .extracting(CompiledPolicy::name)
                .containsExactly("prod", "catch-all");
    }

    @Test
    void theIndexAgreesWithAFullScanOnRandomPoliciesAndNames() {
        Random random = new Random(7);
        String[] stems = {"prod", "db", "dev", "pg", "admin", "ro"};
        for (int round = 0; round < 200; round++) {
            List<CompiledPolicy> policies = new ArrayList<>();
            int count = 1 + random.nextInt(60);
            for (int i = 0; i < count; i++) {
                PolicyBuilder p = policy("p" + i).priority(random.nextInt(3));
                String resource = randomPattern(random, stems);
                String account = randomPattern(random, stems);
                if (resource == null && account == null) {
                    resource = "*";
                }
                p.resource(resource).account(account);
                if (random.nextInt(5) == 0) {
                    p.resourceTypes(random.nextBoolean() ? "ssh" : "database");
                }
                if (random.nextInt(8) == 0) {
                    p.disabled();
                }
                policies.add(p.compile());
            }
            PolicyIndex index = PolicyIndex.of(policies);
            for (int probe = 0; probe < 50; probe++) {
                String name = stems[random.nextInt(stems.length)] + "-" + stems[random.nextInt(stems.length)];
                String account = random.nextBoolean() ? "root" : stems[random.nextInt(stems.length)] + "-admin";
                MatchSubject subject = new MatchSubject(
                        "dev", Set.of(), name, random.nextBoolean() ? "ssh" : "database", Set.of(), Map.of(), account);
                List<String> expected = policies.stream()
                        .filter(CompiledPolicy::enabled)
                        .filter(p -> p.matches(subject))
                        .sorted(Precedence.ORDER)
                        .map(CompiledPolicy::name)
                        .toList();
                assertThat(index.matching(subject, Integer.MAX_VALUE))
                        .extracting(CompiledPolicy::name)
                        .as("%s / %s", name, account)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    private static String randomPattern(Random random, String[] stems) {
        String stem = stems[random.nextInt(stems.length)];
        return switch (random.nextInt(7)) {
            case 0 -> null;
            case 1 -> "*";
            case 2 -> stem + "-*";
            case 3 -> "*-" + stem;
            case 4 -> stem + "-" + stems[random.nextInt(stems.length)];
            case 5 -> "??-*";
            default -> stem.charAt(0) + "*" + stem.charAt(stem.length() - 1) + "*";
        };
    }

    private static MatchSubject subjectWithResourceGroups(String... groups) {
        return new MatchSubject("dev", Set.of(), "x", "ssh", Set.of(groups), Map.of(), "root");
    }

    private static MatchSubject withType(String type) {
        return new MatchSubject("dev", Set.of(), "x", type, Set.of(), Map.of(), "root");
    }

    private static MatchSubject withLabels(Map<String, String> labels) {
        return new MatchSubject("dev", Set.of(), "x", "ssh", Set.of(), labels, "root");
    }
}
