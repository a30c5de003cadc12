package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The home, approvals and request pages write instants and durations as people read them, the same way
 * as the decision page, and keep each exact value in the {@code datetime} and {@code title} of a
 * {@code <time>} element for machines and screen readers.
 */
class HumanTimesPagesTests extends ServedPagesTestBase {

    @Test
    void myRequestsAndTheRequestPageWriteTimesForPeople() {
        String dev = api.person("dev", "USER", PASSWORD);
        String devToken = api.tokenFor(dev);
        String approver = api.person("approver", "USER", PASSWORD);
        String resource = api.resourceGovernedBy(Map.of("maxDuration", "PT8H", "steps", List.of(step(approver))));
        String asked = api.ask(devToken, resource, Map.of("duration", "PT1H30M"));
        approve(approver, asked);
        JsonNode request =
                api.asAdmin().get("/api/v1/requests/" + asked).expect(200).json();
        Instant createdAt = Instant.parse(request.get("createdAt").asString());
        Instant decidedAt =
                Instant.parse(request.get("decisions").get(0).get("at").asString());
        Instant endsAt = Instant.parse(request.get("grant").get("endsAt").asString());
        Visitor browser = Visitor.signedIn(base, dev, PASSWORD);

        String home = browser.open(base + "/").body();
        String page = browser.open(base + "/requests/" + asked).body();

        assertThat(home)
                .contains("until " + time(endsAt))
                .contains("(<time datetime=\"PT1H30M\" title=\"PT1H30M\">1 hour 30 minutes</time> remaining)")
                .doesNotContain(">" + endsAt);
        assertThat(page)
                .contains("<time datetime=\"PT1H30M\" title=\"PT1H30M\">1 hour 30 minutes</time>")
                .contains(time(createdAt), time(decidedAt), "until " + time(endsAt))
                .doesNotContain(">PT1H30M<", ">" + createdAt, ">" + decidedAt, ">" + endsAt);
    }

    @Test
    void theTimeLeftToDecideIsATimeOnTheApprovalsAndRequestPages() {
        String dev = api.person("dev", "USER", PASSWORD);
        String approver = api.person("approver", "USER", PASSWORD);
        String resource = api.resourceGovernedBy(Map.of("steps", List.of(step(approver))));
        String asked = api.ask(api.tokenFor(dev), resource, Map.of());
        Visitor browser = Visitor.signedIn(base, approver, PASSWORD);
        Pattern timeLeft = Pattern.compile(
                "<time datetime=\"(PT[^\"]+)\" title=\"\\1\">[^<]+</time> remaining \\(decide by <time");

        assertThat(browser.open(base + "/approvals").body()).containsPattern(timeLeft);
        assertThat(browser.open(base + "/requests/" + asked).body()).containsPattern(timeLeft);
    }

    private static String time(Instant at) {
        return "<time datetime=\"" + at + "\" title=\"" + at + "\">" + HumanTimes.when(at) + "</time>";
    }
}
