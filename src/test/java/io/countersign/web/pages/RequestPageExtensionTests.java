package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An extension request says on its page and in the approvals list that it lengthens a grant already
 * in force, not that it grants access anew: its approver learns which grant, and until when that grant
 * would run once approved.
 */
class RequestPageExtensionTests extends ServedPagesTestBase {

    @Test
    void anExtensionNamesTheGrantItLengthensAndUntilWhenItWouldThenRun() {
        String dev = api.person("dev", "USER", PASSWORD);
        String devToken = api.tokenFor(dev);
        String approver = api.person("approver", "USER", PASSWORD);
        String resource = api.resourceGovernedBy(Map.of("maxDuration", "PT8H", "steps", List.of(step(approver))));
        String asked = api.ask(devToken, resource, Map.of("duration", "PT1H"));
        approve(approver, asked);
        JsonNode grant = api.asAdmin()
                .get("/api/v1/requests/" + asked)
                .expect(200)
                .json()
                .get("grant");
        String grantId = grant.get("id").asString();
        Instant end = Instant.parse(grant.get("endsAt").asString());

        String extension = api.as(devToken)
                .post(
                        "/api/v1/grants/" + grantId + "/extend",
                        Api.json(Map.of("duration", "PT1H", "justification", "the migration runs long")))
                .expect(201)
                .json()
                .get("id")
                .asString();

        Visitor approversBrowser = Visitor.signedIn(base, approver, PASSWORD);
        String forApprover =
                approversBrowser.open(base + "/requests/" + extension).body();
        String forDev = Visitor.signedIn(base, dev, PASSWORD)
                .open(base + "/requests/" + extension)
                .body();
        for (String page : List.of(forApprover, forDev)) {
            assertThat(page)
                    .contains("<strong>Extension:</strong>")
                    .contains("grant " + grantId + ", which runs until " + time(end))
                    .contains(
                            "Approving adds <time datetime=\"PT1H\" title=\"PT1H\">1 hour</time> to it: it would then run until "
                                    + time(end.plus(Duration.ofHours(1))))
                    .doesNotContain("when approved");
        }
        assertThat(approversBrowser.open(base + "/approvals").body())
                .contains("id=\"extends-" + extension + "\"")
                .contains("More time on grant " + grantId);
    }

    private static String time(Instant at) {
        return "<time datetime=\"" + at + "\" title=\"" + at + "\">" + HumanTimes.when(at) + "</time>";
    }
}
