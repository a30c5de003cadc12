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

    @Test
    void keepsTheBreakGlassBlockAndReadsPoliciesStoredWithoutIt() {
        PolicyDefinition plain = policy("p").resource("x").build();
        PolicyDefinition glass = plain.withBreakGlass(new PolicyDefinition.BreakGlass(
                Duration.ofHours(1), java.util.List.of(ApproverSelector.ofGroup("security"))));

        String json = PolicyCodec.write(glass);

        assertThat(json).contains("\"breakGlass\":{\"maxDuration\":\"PT1H\",\"notify\":[{\"group\":\"security\"}]");
        assertThat(PolicyCodec.read(json)).isEqualTo(glass);
        String older = PolicyCodec.write(plain).replace(",\"breakGlass\":null", "");
        assertThat(older).doesNotContain("breakGlass");
        assertThat(PolicyCodec.read(older).breakGlass()).isNull();
    }

    @Test
    void keepsTheReviewOfABreakGlassBlockAndReadsBlocksStoredWithoutOneAsUnreviewed() {
        PolicyDefinition plain = policy("p").resource("x").build();
        PolicyDefinition reviewed = plain.withBreakGlass(new PolicyDefinition.BreakGlass(
                Duration.ofHours(1),
                java.util.List.of(ApproverSelector.ofGroup("security")),
                java.util.List.of(ApproverSelector.ofGroup("auditors")),
                Duration.ofDays(1)));

        String json = PolicyCodec.write(reviewed);

        assertThat(json).contains("\"reviewers\":[{\"group\":\"auditors\"}],\"reviewWithin\":\"PT24H\"");
        assertThat(PolicyCodec.read(json)).isEqualTo(reviewed);
        String older = json.replace(",\"reviewers\":[{\"group\":\"auditors\"}],\"reviewWithin\":\"PT24H\"", "");
        PolicyDefinition.BreakGlass block = PolicyCodec.read(older).breakGlass();
        assertThat(block.reviewers()).isEmpty();
        assertThat(block.reviewWithin()).isNull();
        assertThat(block.isReviewed()).isFalse();
    }
}
