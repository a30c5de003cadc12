package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request under a policy whose grant starts at its first use, on the requester's pages: the grant
 * waiting for that use may be ended early as any other, and the request says when its access starts. and the request says when its access starts.
 */
class FirstUseGrantPagesTests extends ServedPagesTestBase {

    String dev;
    String lisa;
    String resource;

    @BeforeEach
    void scene() {
        dev = api.person("dev", "USER", PASSWORD);
        lisa = api.person("lisa", "USER", PASSWORD);
        resource = api.resourceGovernedBy(
                Map.of("startOnFirstUse", true, "claimWindow", "P1D", "steps", List.of(step(lisa))));
    }

    @Test
    void aGrantWaitingForItsFirstUseMayBeEndedFromMyRequests() {
        String id = api.ask(api.tokenFor(dev), resource, Map.of());
        approve(lisa, id);
        String grant = grantOf(id);
        assertThat(api.asAdmin()
                        .get("/api/v1/grants/" + grant)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("APPROVED_UNUSED");
        Visitor visitor = Visitor.signedIn(base, dev, PASSWORD);

        HttpResponse<String> mine = visitor.open(base + "/");

        assertThat(mine.body())
                .contains("action=\"/grants/" + grant + "/revoke\"")
                .contains("aria-label=\"End my access from " + id + "\"");
        HttpResponse<String> ended = visitor.post(base + "/", base + "/grants/" + grant + "/revoke", "");
        assertThat(ended.body()).contains("Access ended.");
        assertThat(api.asAdmin()
                        .get("/api/v1/grants/" + grant)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("REVOKED");
    }

    @Test
    void theRequestSaysItsAccessStartsAtItsFirstUseWhilePendingAndOnceApproved() {
        String id = api.ask(api.tokenFor(dev), resource, Map.of());
        Visitor visitor = Visitor.signedIn(base, dev, PASSWORD);

        String pending = visitor.open(base + "/requests/" + id).body();

        assertThat(pending).doesNotContain("when approved");
        assertThat(between(pending, "id=\"starts\">", "</dd>"))
                .startsWith("at its first use, which must come within <time datetime=\"PT24H\"")
                .endsWith("</time> of approval");

        approve(lisa, id);
        String approved = visitor.open(base + "/requests/" + id).body();

        assertThat(approved).doesNotContain("when approved");
        assertThat(between(approved, "id=\"starts\">", "</dd>"))
                .startsWith("at its first use, which must come before <time");
        assertThat(between(approved, "id=\"grant-when\">", "</span>"))
                .startsWith("for <time datetime=\"PT1H\"")
                .contains("</time> from its first use, which must come before <time");
    }

    private String grantOf(String id) {
        return api.asAdmin()
                .get("/api/v1/requests/" + id)
                .expect(200)
                .json()
                .get("grant")
                .get("id")
                .asString();
    }

    private static String between(String body, String from, String to) {
        String rest = body.substring(body.indexOf(from) + from.length());
        return rest.substring(0, rest.indexOf(to));
    }
}
