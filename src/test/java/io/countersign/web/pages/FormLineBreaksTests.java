package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A browser sends each line break of a text area as CR LF, yet counts it as one character against the
 * field's {@code maxlength}: the pages take a form's text with its line breaks as the API does, one
 * character each, so that what the form allowed is not refused as too long, and store it with LF.
 */
class FormLineBreaksTests extends ServedPagesTestBase {

    /** 2,000 characters as the browser counts them, each of its 39 line breaks sent as CR LF. */
    static final String TYPED = ("a line of fifty characters, give or take a few." + "ok\n")
                    .repeat(40)
                    .substring(0, 1999)
            + "!";

    static final String SENT = URLEncoder.encode(TYPED.replace("\n", "\r\n"), StandardCharsets.UTF_8);

    String lisa;
    String asker;
    String requesterToken;

    @BeforeEach
    void scene() {
        asker = api.person("asker", "USER", PASSWORD);
        requesterToken = api.tokenFor(asker);
        lisa = api.person("lisa", "USER", PASSWORD);
    }

    @Test
    void aRejectionsCommentOfTwoThousandCharactersWithLineBreaksIsTaken() {
        assertThat(TYPED).hasSize(2000).contains("\n").doesNotContain("\r");
        assertThat(SENT).contains("%0D%0A");
        String id = api.ask(requesterToken, resourceApprovedBy(lisa), Map.of());
        String page = base + "/requests/" + id;

        HttpResponse<String> answer =
                Visitor.signedIn(base, lisa, PASSWORD).post(page, page + "/reject", "step=0&comment=" + SENT);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Rejected.");
        JsonNode stored =
                api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
        assertThat(stored.get("status").asString()).isEqualTo("REJECTED");
        assertThat(stored.get("decisions").get(0).get("comment").asString()).isEqualTo(TYPED);
    }

    @Test
    void aLoneCarriageReturnIsALineBreakToo() {
        String id = api.ask(requesterToken, resourceApprovedBy(lisa), Map.of());
        String page = base + "/requests/" + id;

        Visitor.signedIn(base, lisa, PASSWORD).post(page, page + "/approve", "step=0&comment=first%0Dsecond");

        JsonNode stored =
                api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
        assertThat(stored.get("decisions").get(0).get("comment").asString()).isEqualTo("first\nsecond");
    }

    @Test
    void aJustificationOfTwoThousandCharactersWithLineBreaksIsTakenAsTheApiTakesIt() {
        String resource = resourceApprovedBy(lisa);
        String form = base + "/requests/new";

        HttpResponse<String> answer = Visitor.signedIn(base, asker, PASSWORD)
                .post(
                        form,
                        form,
                        "send=1&key=k-" + Api.unique("form") + "&resource=" + resource
                                + "&account=admin&duration=1h&start=now&ticket=&justification=" + SENT);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Your request is sent.");
        JsonNode mine = api.as(requesterToken)
                .get("/api/v1/requests?requester=" + asker)
                .expect(200)
                .json()
                .get("items");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("justification").asString()).isEqualTo(TYPED);
    }

    @Test
    void aReviewsCommentOfTwoThousandCharactersWithLineBreaksIsTaken() {
        String resource = breakGlassResource(lisa, List.of(lisa), lisa, "PT8H");
        String id = api.ask(requesterToken, resource, Map.of("breakGlass", true, "justification", "primary down"));
        String page = base + "/requests/" + id;

        HttpResponse<String> answer =
                Visitor.signedIn(base, lisa, PASSWORD).post(page, page + "/review", "comment=" + SENT);

        assertThat(answer.body()).contains("Review recorded.");
        JsonNode review =
                api.asAdmin().get("/api/v1/requests/" + id).expect(200).json().get("review");
        assertThat(review.get("status").asString()).isEqualTo("REVIEWED");
        assertThat(review.get("comment").asString()).isEqualTo(TYPED);
    }
}
