package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "Waiting on" names who may still approve the current step, by the rules that decide whether they may:
 * not a listed approver whom separation of duties would refuse, and a delegate in force who may
 * approve it for an approver, as mail and chat name them.
 */
class RequestPageWaitingOnTests extends ServedPagesTestBase {

    private static final Pattern WAITING_ON = Pattern.compile("Waiting on:\\s*<span>([^<]*)</span>");

    @Autowired
    MutableClock clock;

    String dev;
    String lisa;

    @BeforeEach
    void scene() {
        dev = api.person("dev", "USER", PASSWORD);
        lisa = api.person("lisa", "USER", PASSWORD);
    }

    @Test
    void aDelegateWhoApprovedAnEarlierStepIsNotWaitedOnForALaterOne() {
        String sam = api.person("sam", "USER", PASSWORD);
        String carol = api.person("carol", "USER", PASSWORD);
        lisaDelegatesTo(sam);
        String resource = api.resourceGovernedBy(
                Map.of("distinctApproversAcrossSteps", true, "steps", List.of(step(lisa), step(carol, sam))));
        String id = api.ask(api.tokenFor(dev), resource, Map.of());
        approve(sam, id);

        assertThat(waitingOn(sam, id)).isEqualTo(carol);
    }

    @Test
    void aDelegateInForceIsWaitedOnForTheApproverTheyStandInFor() {
        String eve = api.person("eve", "USER", PASSWORD);
        lisaDelegatesTo(eve);
        String id = api.ask(api.tokenFor(dev), resourceApprovedBy(lisa), Map.of());

        assertThat(waitingOn(lisa, id)).isEqualTo(lisa + ", " + eve + " for " + lisa);
    }

    private void lisaDelegatesTo(String delegate) {
        api.delegate(api.tokenFor(lisa), lisa, delegate, clock.instant().plus(Duration.ofDays(30)));
    }

    /** Whom the request's page, as {@code viewer} sees it, says its current step waits on. */
    private String waitingOn(String viewer, String id) {
        String page = Visitor.signedIn(base, viewer, PASSWORD)
                .open(base + "/requests/" + id)
                .body();
        Matcher waitingOn = WAITING_ON.matcher(page);
        assertThat(waitingOn.find())
                .as("the current step says whom it waits on")
                .isTrue();
        return waitingOn.group(1);
    }
}
