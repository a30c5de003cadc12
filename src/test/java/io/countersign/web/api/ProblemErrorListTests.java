package io.countersign.web.api;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A refusal lists its issues in {@code errors}, the first hundred of them, so that a body made of
 * thousands of bad entries is not answered with a document many times its size.
 */
@CountersignTest
class ProblemErrorListTests {

    @Autowired
    Api api;

    private static List<String> ghosts(int count) {
        return IntStream.range(0, count).mapToObj(i -> "ghost-" + i).toList();
    }

    @Test
    void aBodyWithMoreThanAHundredProblemsListsTheFirstHundredAndCountsTheRest() {
        String name = Api.unique("crowd");

        var refused = api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", name, "members", ghosts(250))));

        JsonNode problem = refused.expect(400).json();
        assertThat(issues(problem))
                .hasSize(100)
                .startsWith("members[0]:unknown_user")
                .endsWith("members[99]:unknown_user");
        assertThat(problem.get("errorsOmitted").asInt()).isEqualTo(150);
        assertThat(problem.get("detail").asString())
                .isEqualTo("250 fields are invalid; the first 100 are listed in errors.");
        api.asAdmin().get("/api/v1/groups/" + name).expect(404);
    }

    @Test
    void aBundleWithMoreThanAHundredProblemsIsAnsweredTheSameWay() {
        String name = Api.unique("crowd");
        String bundle = Api.json(Map.of("groups", List.of(Map.of("name", name, "members", ghosts(300)))));

        JsonNode problem =
                api.asAdmin().post("/api/v1/import", bundle).expect(400).json();

        assertThat(issues(problem)).hasSize(100).endsWith("groups[0].members[99]:unknown_user");
        assertThat(problem.get("errorsOmitted").asInt()).isEqualTo(200);
        api.asAdmin().get("/api/v1/groups/" + name).expect(404);
    }

    @Test
    void aHundredProblemsAreAllListedWithNothingCountedAsLeftOut() {
        var refused = api.asAdmin()
                .post("/api/v1/groups", Api.json(Map.of("name", Api.unique("crowd"), "members", ghosts(100))));

        JsonNode problem = refused.expect(400).json();
        assertThat(issues(problem)).hasSize(100);
        assertThat(problem.has("errorsOmitted")).isFalse();
        assertThat(problem.get("detail").asString()).isEqualTo("100 fields are invalid; see errors.");
    }
}
