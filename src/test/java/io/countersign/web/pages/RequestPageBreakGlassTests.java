package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A break-glass use's page is read by its reviewer and by the people told of it, and by nobody
 * else.
 */
class RequestPageBreakGlassTests extends ServedPagesTestBase {

    String requesterToken;

    @BeforeEach
    void scene() {
        requesterToken = api.tokenFor(api.person("asker", "USER", PASSWORD));
    }

    @Test
    void aBreakGlassReviewerReadsTheUseOnItsPage() {
        String reviewer = api.person("reviewer", "USER", PASSWORD);
        String approver = api.person("approver", "USER", PASSWORD);
        String resource = breakGlassResource(approver, List.of(approver), reviewer, "P1D");
        String id = api.ask(requesterToken, resource, Map.of("breakGlass", true, "justification", "primary down"));

        HttpResponse<String> page = Visitor.signedIn(base, reviewer, PASSWORD).open(base + "/requests/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(id, "primary down");
    }

    @Test
    void thePeopleToldOfABreakGlassUseReadItsPageAndNobodyElseDoes() {
        String told = api.person("told", "USER", PASSWORD);
        String reviewer = api.person("reviewer", "USER", PASSWORD);
        String stranger = api.person("stranger", "USER", PASSWORD);
        String resource = breakGlassResource(stranger, List.of(told), reviewer, "P1D");
        String id = api.ask(requesterToken, resource, Map.of("breakGlass", true, "justification", "primary down"));

        HttpResponse<String> page = Visitor.signedIn(base, told, PASSWORD).open(base + "/requests/" + id);
        HttpResponse<String> hidden = Visitor.signedIn(base, stranger, PASSWORD).open(base + "/requests/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(id, "primary down")
                .doesNotContain("/requests/" + id + "/approve", "/requests/" + id + "/review");
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain("primary down");
    }
}
