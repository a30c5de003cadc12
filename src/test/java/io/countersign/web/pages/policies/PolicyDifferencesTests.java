package io.countersign.web.pages.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the editor lists when the policy changed while it was open; plain Java, no Spring context. */
class PolicyDifferencesTests {

    private static PolicyForm form(String priority, String labels) {
        PolicyForm form = new PolicyForm();
        form.priority = priority;
        form.labels = labels;
        return form;
    }

    private static List<String> fields(List<PolicyDifferences.Difference> differences) {
        return differences.stream().map(PolicyDifferences.Difference::field).toList();
    }

    @Test
    void labelsWithSpacesAroundTheirValuesAreNotListedWhenOnlyThePriorityChanged() {
        PolicyForm current = form("3", "env=prod\ntier=  spaced  \n");
        // as a browser sends the text area back: its lines ended with CR LF
        PolicyForm draft = form("1", "env=prod\r\ntier=  spaced  \r\n");

        assertThat(fields(PolicyDifferences.between(current, draft))).containsExactly("Priority");
    }

    @Test
    void aLabelThatDiffersShowsItsValueExactlyAndQuoted() {
        PolicyForm current = form("1", "env=prod\ntier=  spaced  \n");
        PolicyForm draft = form("1", "env=prod\ntier=spaced\n");

        assertThat(PolicyDifferences.between(current, draft)).singleElement().satisfies(difference -> {
            assertThat(difference.field()).isEqualTo("Resource labels");
            assertThat(difference.current()).hasToString("env=\"prod\", tier=\"  spaced  \"");
        });
    }
}
