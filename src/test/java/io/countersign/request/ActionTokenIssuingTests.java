package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.request.ActionTokenRefused.Reason;
import io.countersign.shared.Channel;
import io.countersign.testing.CountersignTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Action tokens are issued only to the approvers of a pending request's step through a messaging
 * channel, and stored only as a hash.
 */
@CountersignTest
class ActionTokenIssuingTests extends ActionTokensTestBase {

    @Test
    void aTokenIsStoredOnlyAsAHashAndLooksLikeLowerCaseBase32() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        String token = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);

        assertThat(token).matches("[a-z2-7]{32}");
        List<String> stored = jdbc.sql("select token_hash from action_tokens where request_id = ?")
                .param(id)
                .query(String.class)
                .list();
        assertThat(stored).containsExactly(ActionTokenText.hash(token)).doesNotContain(token);
    }

    @Test
    void aRequesterGetsNoTokenForTheirOwnRequest() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Team", 1, dev, lisa)));

        assertRefused(() -> tokens.issue(id, 0, idOf(dev), Channel.EMAIL), Reason.NOT_ELIGIBLE);
    }

    @Test
    void tokensAreIssuedOnlyToTheStepsApproversOfPendingRequestsThroughAMessagingChannel() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));

        assertRefused(() -> tokens.issue(id, 0, idOf(sam), Channel.EMAIL), Reason.NOT_ELIGIBLE);
        assertThatThrownBy(() -> tokens.issue(id, 0, idOf(lisa), Channel.API))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue(id, 3, idOf(lisa), Channel.EMAIL))
                .isInstanceOf(IllegalArgumentException.class);
        api.as(dev.token()).post("/api/v1/requests/" + id + "/cancel", null).expect(200);
        assertRefused(() -> tokens.issue(id, 0, idOf(lisa), Channel.EMAIL), Reason.NOT_PENDING);
    }
}
