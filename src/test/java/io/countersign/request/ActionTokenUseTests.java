package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.ActionTokenRefused.Reason;
import io.countersign.shared.Channel;
import io.countersign.testing.CountersignTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An action token works once, for the approver it was sent to, through the channel it was sent by; any
 * other use is refused as unknown and leaves it usable.
 */
@CountersignTest
class ActionTokenUseTests extends ActionTokensTestBase {

    @Test
    void aTokenWorksOnceAndUsesEveryOtherTokenOfItsBinding() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 2, lisa, sam)));
        String first = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);
        String second = tokens.issue(id, 0, idOf(lisa), Channel.WEB);
        String sams = tokens.issue(id, 0, idOf(sam), Channel.EMAIL);

        tokens.redeem(first, Channel.EMAIL, true, null, null, null);

        assertRefused(() -> tokens.redeem(first, Channel.EMAIL, true, null, null, null), Reason.USED);
        assertRefused(() -> tokens.redeem(second, Channel.WEB, false, null, null, null), Reason.USED);
        assertThat(read(id).get("decisions")).hasSize(1);
        assertThat(tokens.peek(sams).orElseThrow().used()).isFalse();
        tokens.redeem(sams, Channel.EMAIL, true, null, null, null);
        assertThat(read(id).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aTokenTheMailSystemTurnedToUpperCaseStillWorks() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        String token = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);

        tokens.redeem(token.toUpperCase(), Channel.EMAIL, true, null, null, null);

        assertThat(read(id).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void unknownAndMalformedTokensAreRefusedAsUnknown() {
        assertRefused(() -> tokens.redeem("a".repeat(32), Channel.EMAIL, true, null, null, null), Reason.UNKNOWN);
        assertRefused(() -> tokens.redeem("not a token", Channel.EMAIL, true, null, null, null), Reason.UNKNOWN);
        assertRefused(() -> tokens.redeem(null, Channel.EMAIL, true, null, null, null), Reason.UNKNOWN);
        assertThat(tokens.peek("a".repeat(32))).isEmpty();
        assertThat(tokens.peek("<script>")).isEmpty();
    }

    @Test
    void aTokenPresentedThroughAnotherChannelThanItWasSentByIsUnknownThereAndStaysUsable() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        String replyCode = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);
        String link = tokens.issue(id, 0, idOf(lisa), Channel.WEB);

        assertRefused(() -> tokens.redeem(replyCode, Channel.WEB, true, null, null, null), Reason.UNKNOWN);
        assertRefused(() -> tokens.redeem(link, Channel.EMAIL, true, null, idOf(lisa), null), Reason.UNKNOWN);
        assertThat(tokens.peek(replyCode, Channel.WEB)).isEmpty();
        assertThat(tokens.peek(link, Channel.EMAIL)).isEmpty();
        assertThat(read(id).get("decisions")).isEmpty();

        tokens.redeem(replyCode, Channel.EMAIL, true, null, idOf(lisa), null);
        assertThat(read(id).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aTokenClaimedBySomebodyElseIsRefusedAndStaysUsable() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        String token = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);

        assertRefused(() -> tokens.redeem(token, Channel.EMAIL, true, null, idOf(sam), null), Reason.WRONG_APPROVER);

        assertUnchanged(id, token);
        tokens.redeem(token, Channel.EMAIL, true, null, idOf(lisa), null);
    }
}
