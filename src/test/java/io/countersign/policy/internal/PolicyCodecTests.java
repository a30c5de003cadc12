package io.countersign.policy.internal;

import static io.countersign.policy.internal.PolicyBuilder.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.policy.ApproverSelector;
import io.countersign.policy.PolicyDefinition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolicyCodecTests {

    @Test
    void storesDurationsAsIsoTextAndSelectorsWithTheirOneKey() {
        PolicyDefinition stored = policy("p")
                .resource("prod-*")
                .escalatingStep(
                        2, Duration.ofMinutes(30), ApproverSelector.ofGroup("dba"), ApproverSelector.RESOURCE_OWNERS)
                .build();

        String json = PolicyCodec.write(stored);

        assertThat(json)
                .contains("\"maxDuration\":\"PT8H\"")
                .contains("\"timeout\":\"PT30M\"")
                .contains("\"approvers\":[{\"group\":\"dba\"}]")
                .contains("\"escalateTo\":[{\"resourceOwners\":true}]");
        assertThat(PolicyCodec.read(json)).isEqualTo(stored);
    }

    @Test
    void ignoresFieldsThatALaterVersionAdded() {
        String json = PolicyCodec.write(policy("p").resource("x").build());

        PolicyDefinition read = PolicyCodec.read(json.replaceFirst("\\{", "{\"futureField\":1,"));

        assertThat(read.name()).isEqualTo("p");
    }
}
