package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.Race;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An approval sent again after the first one moved the request to its next step, as a retry after a
 * lost answer is, is answered 409 saying the person already approved, however the two calls met.
 */
@CountersignTest
class RepeatedApprovalTests extends DevAndLisaTestBase {

    Person carol;
    Person tom;
    String id;

    @BeforeEach
    void twoSteps() {
        carol = org.person("carol");
        tom = org.person("tom");
        // lisa approves the first step only, carol either, tom the second
        id = org.pendingRequest(dev, List.of(step("Leads", 1, lisa, carol), step("Security", 1, carol, tom)));
    }

    private Api.Response approve(Person who) {
        return api.as(who.token()).post("/api/v1/requests/" + id + "/approve", "{}");
    }

    @Test
    void anApprovalRepeatedAfterTheRequestMovedOnIsAConflictSayingThePersonApproved() {
        approve(lisa).expect(200);

        Api.Response again = approve(lisa).expect(409);

        assertThat(again.json().get("detail").asString())
                .contains("'" + lisa.name() + "' already approved step 1 of request " + id)
                .contains("Nothing was decided");
        assertThat(decisionsOn(id)).isEqualTo(1);
    }

    @Test
    void someoneWhoNeverDecidedAndIsNoApproverIsStillForbidden() {
        approve(lisa).expect(200);

        Api.Response stranger =
                api.asAdmin().post("/api/v1/requests/" + id + "/approve", "{}").expect(403);

        assertThat(stranger.json().get("detail").asString()).contains("is not an eligible approver");
        assertThat(decisionsOn(id)).isEqualTo(1);
    }

    @Test
    void anApproverOfBothStepsWhoApprovedTheFirstIsAConflictToo() {
        approve(carol).expect(200);

        Api.Response again = approve(carol).expect(409);

        assertThat(again.json().get("detail").asString()).contains("approved step 1 of request " + id);
        assertThat(decisionsOn(id)).isEqualTo(1);
    }

    @Test
    void twoOfTheSameApprovalsSentTogetherAreAnsweredTheSameWayWhicheverWaits() throws Exception {
        List<Integer> answers;
        List<String> details = new ArrayList<>();
        try (Race race = new Race(2)) {
            answers = race.run(List.of(() -> sent(details), () -> sent(details)));
        }

        assertThat(answers).containsExactlyInAnyOrder(200, 409);
        assertThat(details).singleElement().asString().contains("'" + lisa.name() + "' already approved step 1");
        assertThat(decisionsOn(id)).isEqualTo(1);
    }

    private int sent(List<String> details) {
        Api.Response answer = approve(lisa);
        if (answer.status() != 200) {
            synchronized (details) {
                details.add(answer.json().get("detail").asString());
            }
        }
        return answer.status();
    }
}
