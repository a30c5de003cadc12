package io.countersign.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.policy.Policies;
import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyDefinition.Conditions;
import io.countersign.shared.Actor;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

@CountersignTest
class PolicyCatalogTests {

    @Autowired
    PolicyStore store;

    @Autowired
    PolicyCatalog catalog;

    @Autowired
    Policies policies;

    @Autowired
    TransactionTemplate transactions;

    private static MatchSubject request(String resource) {
        return new MatchSubject("dev", Set.of(), resource, "database", Set.of(), Map.of(), "root");
    }

    @Test
    void anotherInstanceSharingTheDatabaseSeesAChangeOnItsNextUse() {
        PolicyCatalog otherInstance = new PolicyCatalog(store);
        String prefix = Api.unique("shared");
        assertThat(otherInstance.current().governing(request(prefix + "-pg"))).isEmpty();

        policies.create(Actor.system(), PolicyDefinition.of(prefix, Conditions.on(prefix + "-*", null), List.of()));

        assertThat(otherInstance.current().governing(request(prefix + "-pg")))
                .map(CompiledPolicy::name)
                .hasValue(prefix);
    }

    @Test
    void aChangeThatRollsBackLeavesNoTraceInTheIndex() {
        String prefix = Api.unique("rolled-back");
        catalog.current();

        transactions.executeWithoutResult(tx -> {
            policies.create(Actor.system(), PolicyDefinition.of(prefix, Conditions.on(prefix + "-*", null), List.of()));
            // a plan inside the changing transaction sees the change...
            assertThat(catalog.current().governing(request(prefix + "-pg"))).isPresent();
            tx.setRollbackOnly();
        });

        // ...and forgets it with the transaction, even if another change reuses the revision number
        policies.create(
                Actor.system(), PolicyDefinition.of(Api.unique("other"), Conditions.on("zz-*", null), List.of()));
        assertThat(catalog.current().governing(request(prefix + "-pg"))).isEmpty();
    }

    @Test
    void aDisabledPolicyIsStoredButNeverIndexed() {
        String prefix = Api.unique("dormant");

        policies.create(
                Actor.system(),
                PolicyDefinition.of(prefix, Conditions.on(prefix + "-*", null), List.of())
                        .withEnabled(false));

        assertThat(policies.get(prefix).enabled()).isFalse();
        assertThat(catalog.current().governing(request(prefix + "-pg"))).isEmpty();
    }
}
