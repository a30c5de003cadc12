package io.countersign.policy.internal;

import static io.countersign.policy.internal.PolicyBuilder.policy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrecedenceTests {

    @Test
    void explainsAWinByPriority() {
        assertThat(Precedence.explain(
                        policy("prod").resource("prod-*").priority(100).compile(),
                        policy("catch-all").resource("*").compile()))
                .isEqualTo("priority 100 beats 'catch-all' (priority 0)");
    }

    @Test
    void explainsAWinByFewerWildcards() {
        assertThat(Precedence.explain(
                        policy("exact").resource("prod-pg").compile(),
                        policy("broad").resource("prod-*").compile()))
                .isEqualTo("same priority 0 as 'broad'; fewer wildcards win (1 against 2)");
    }

    @Test
    void explainsAWinByLiteralText() {
        assertThat(Precedence.explain(
                        policy("long").resource("prod-*").compile(),
                        policy("short").resource("p*").compile()))
                .contains("more literal text wins (5 characters against 1)");
    }

    @Test
    void explainsAWinByMoreConditions() {
        assertThat(Precedence.explain(
                        policy("narrow").resource("p*").resourceTypes("ssh").compile(),
                        policy("plain").resource("p*").compile()))
                .contains("more conditions win (2 against 1)");
    }

    @Test
    void explainsAWinByName() {
        assertThat(Precedence.explain(
                        policy("alpha").resource("p*").compile(),
                        policy("beta").resource("p*").compile()))
                .contains("'alpha' comes first in alphabetical order");
    }

    @Test
    void ordersByPriorityThenSpecificityThenName() {
        var high = policy("z").resource("*").priority(5).compile();
        var exact = policy("y").resource("prod-pg").compile();
        var broad = policy("x").resource("prod-*").compile();
        var sameAsBroad = policy("w").resource("prod-*").compile();

        assertThat(java.util.stream.Stream.of(broad, exact, sameAsBroad, high)
                        .sorted(Precedence.ORDER)
                        .map(CompiledPolicy::name))
                .containsExactly("z", "y", "w", "x");
    }
}
