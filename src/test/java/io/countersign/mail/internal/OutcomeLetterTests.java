package io.countersign.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.OutcomeNotice;
import io.countersign.mail.Person;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeLetterTests {

    static final Letterhead HEAD =
            new Letterhead("Acme PAM", "https://countersign.example.com", false, List.of(), Instant.EPOCH);

    @Test
    void aDelegatesDecisionIsToldAsTakenOnBehalfOfTheApproverItCountedFor() {
        Letter letter = OutcomeLetter.write(notice(new Person("sam", "Sam <b>Sec</b>")), HEAD);

        assertThat(letter.text())
                .contains("was rejected by Tom Other (tom) on behalf of Sam <b>Sec</b> (sam).")
                .contains("On behalf of");
        assertThat(letter.html())
                .contains("on behalf of Sam &lt;b&gt;Sec&lt;/b&gt; (sam).")
                .doesNotContain("<b>Sec");
    }

    @Test
    void anApproversOwnDecisionSaysNoOneElse() {
        Letter letter = OutcomeLetter.write(notice(null), HEAD);

        assertThat(letter.text()).contains("was rejected by Tom Other (tom).").doesNotContain("behalf");
    }

    private static OutcomeNotice notice(Person onBehalfOf) {
        return new OutcomeNotice(
                "req-84a2",
                new Person("dev", "Dana Dev"),
                "dev@example.com",
                "prod-postgresql",
                "rw-admin",
                OutcomeNotice.Outcome.REJECTED,
                new Person("tom", "Tom Other"),
                onBehalfOf,
                "not now",
                null,
                null);
    }
}
