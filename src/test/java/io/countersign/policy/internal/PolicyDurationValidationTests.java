package io.countersign.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.countersign.policy.ApproverSelector;
import io.countersign.policy.OnTimeout;
import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyDefinition.BreakGlass;
import io.countersign.policy.PolicyDefinition.Conditions;
import io.countersign.policy.PolicyDefinition.Extension;
import io.countersign.policy.PolicyDefinition.Step;
import io.countersign.shared.FieldIssue;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every duration a policy holds is bounded and a whole number of seconds, as a request's is. */
class PolicyDurationValidationTests {

    private final PolicyValidator validator =
            new PolicyValidator(new TestDirectory().user("carol").group("security", Set.of("carol"), Set.of()));

    private List<FieldIssue> validate(PolicyDefinition input) {
        return validator.validate(PolicyNormalizer.normalize(input), "");
    }

    @Test
    void boundsDurationsToThirtyDays() {
        PolicyDefinition p = new PolicyDefinition(
                "p",
                null,
                null,
                Conditions.on("x", null),
                Duration.ofDays(31),
                Duration.ofDays(31),
                Duration.ofDays(-1),
                null,
                null,
                null,
                null,
                null,
                List.of());

        assertThat(validate(p))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(
                        tuple("defaultDuration", "too_long"),
                        tuple("maxDuration", "too_long"),
                        tuple("requestTtl", "not_positive"));
    }

    @Test
    void everyDurationOfAPolicyIsAWholeNumberOfSeconds() {
        Duration fraction = Duration.parse("PT1.5S");
        List<ApproverSelector> security = List.of(ApproverSelector.ofGroup("security"));
        Step step = new Step("Review", security, 1, fraction, OnTimeout.REJECT, List.of());
        PolicyDefinition p = new PolicyDefinition(
                "p",
                null,
                null,
                Conditions.on("x", null),
                fraction,
                Duration.parse("PT2.5S"),
                Duration.parse("PT0.5S"),
                null,
                null,
                null,
                null,
                null,
                List.of(step),
                new Extension(Duration.parse("PT3.5S"), List.of(step)),
                true,
                fraction,
                new BreakGlass(fraction, security, security, fraction));

        assertThat(validate(p))
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactlyInAnyOrder(
                        tuple("defaultDuration", "not_whole_seconds"),
                        tuple("maxDuration", "not_whole_seconds"),
                        tuple("requestTtl", "not_whole_seconds"),
                        tuple("claimWindow", "not_whole_seconds"),
                        tuple("steps[0].timeout", "not_whole_seconds"),
                        tuple("extension.maxTotalDuration", "not_whole_seconds"),
                        tuple("extension.steps[0].timeout", "not_whole_seconds"),
                        tuple("breakGlass.maxDuration", "not_whole_seconds"),
                        tuple("breakGlass.reviewWithin", "not_whole_seconds"));
    }
}
