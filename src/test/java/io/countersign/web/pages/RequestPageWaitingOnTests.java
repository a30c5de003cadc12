package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.testing.TestClockConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * "Waiting on" names who may still approve the current step, by the rules that decide whether they may:
 * not a listed approver whom separation of duties would refuse, and a delegate in force who may
 * approve it for an approver, as mail and chat name them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class RequestPageWaitingOnTests {

    private static final String PASSWORD = "a long enough password";
    private static final Pattern WAITING_ON = Pattern.compile("Waiting on:\\s*<span>([^<]*)</span>");

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Test
    void aDelegateWhoApprovedAnEarlierStepIsNotWaitedOnForALaterOne() {
        String base = "http://localhost:" + port;
        String lisa = api.person("lisa", "USER", PASSWORD);
        String sam = api.person("sam", "USER", PASSWORD);
        String carol = api.person("carol", "USER", PASSWORD);
        String dev = api.person("dev", "USER", PASSWORD);
        api.delegate(api.tokenFor(lisa), lisa, sam, clock.instant().plus(Duration.ofDays(30)));
        String resource = api.resourceGovernedBy(Map.of(
                "distinctApproversAcrossSteps",
                true,
                "steps",
                List.of(
                        Map.of("approvers", List.of(Map.of("user", lisa))),
                        Map.of("approvers", List.of(Map.of("user", carol), Map.of("user", sam))))));
        String id = api.ask(api.tokenFor(dev), resource, Map.of());
        api.as(api.tokenFor(sam))
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200);

        String page = Visitor.signedIn(base, sam, PASSWORD)
                .open(base + "/requests/" + id)
                .body();

        Matcher waitingOn = WAITING_ON.matcher(page);
        assertThat(waitingOn.find())
                .as("the current step says whom it waits on")
                .isTrue();
        assertThat(waitingOn.group(1)).isEqualTo(carol);
    }

    @Test
    void aDelegateInForceIsWaitedOnForTheApproverTheyStandInFor() {
        String base = "http://localhost:" + port;
        String lisa = api.person("lisa", "USER", PASSWORD);
        String eve = api.person("eve", "USER", PASSWORD);
        String dev = api.person("dev", "USER", PASSWORD);
        api.delegate(api.tokenFor(lisa), lisa, eve, clock.instant().plus(Duration.ofDays(30)));
        String resource =
                api.resourceGovernedBy(Map.of("steps", List.of(Map.of("approvers", List.of(Map.of("user", lisa))))));
        String id = api.ask(api.tokenFor(dev), resource, Map.of());

        String page = Visitor.signedIn(base, lisa, PASSWORD)
                .open(base + "/requests/" + id)
                .body();

        Matcher waitingOn = WAITING_ON.matcher(page);
        assertThat(waitingOn.find())
                .as("the current step says whom it waits on")
                .isTrue();
        assertThat(waitingOn.group(1)).isEqualTo(lisa + ", " + eve + " for " + lisa);
    }
}
