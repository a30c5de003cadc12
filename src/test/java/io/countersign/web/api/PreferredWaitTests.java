package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code Prefer: wait=N} is read on request creation, without Spring. */
class PreferredWaitTests {

    @Test
    void theWaitPreferenceIsReadAmongOthersAndCapped() {
        assertThat(RequestWaiter.preferredWait(null)).isZero();
        assertThat(RequestWaiter.preferredWait("return=minimal")).isZero();
        assertThat(RequestWaiter.preferredWait("wait=30")).isEqualTo(30);
        assertThat(RequestWaiter.preferredWait("respond-async, WAIT = 20 ")).isEqualTo(20);
        assertThat(RequestWaiter.preferredWait("wait=\"10\"")).isEqualTo(10);
        assertThat(RequestWaiter.preferredWait("wait=0")).isZero();
        assertThat(RequestWaiter.preferredWait("wait=100")).isEqualTo(RequestWaiter.MAX_WAIT_SECONDS);
        assertThat(RequestWaiter.preferredWait("wait=" + "9".repeat(30))).isEqualTo(RequestWaiter.MAX_WAIT_SECONDS);
    }

    @Test
    void aNegativeWaitIsOutOfRange() {
        assertRefused("wait=-5", "out_of_range");
    }

    @Test
    void aWaitThatIsNotAWholeNumberIsAnInvalidValue() {
        for (String prefer : List.of("wait=abc", "wait=1.5", "wait=", "wait", "respond-async, wait=soon")) {
            assertRefused(prefer, "invalid_value");
        }
    }

    private static void assertRefused(String prefer, String code) {
        assertThatThrownBy(() -> RequestWaiter.preferredWait(prefer))
                .as(prefer)
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(FieldIssue::field, FieldIssue::code)
                                .containsExactly(tuple("Prefer", code)));
    }
}
