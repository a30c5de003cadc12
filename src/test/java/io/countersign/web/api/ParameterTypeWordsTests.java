package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.MutablePropertyValues;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.validation.DataBinder;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.ServletWebRequest;
import tools.jackson.databind.JsonNode;

/**
 * A query parameter of the wrong type is refused by saying what it takes ("must be a whole number"),
 * never by the Java type the service reads it into, and never by repeating the value sent: it may be
 * a secret pasted into the wrong place.
 */
@CountersignTest
class ParameterTypeWordsTests {

    @Autowired
    Api api;

    @Test
    void aNumberParameterSaysItTakesAWholeNumber() {
        for (String limit : new String[] {"abc", "1.5", "99999999999", "0x10"}) {
            JsonNode problem = api.asAdmin()
                    .get("/api/v1/requests?limit=" + limit)
                    .expect(400)
                    .json();

            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("limit");
            assertThat(problem.get("errors").get(0).get("message").asString())
                    .isEqualTo("must be a whole number (at most 2147483647)");
            assertThat(problem.toString()).doesNotContain("java.", "Integer", limit);
        }
    }

    @Test
    void aSwitchSaysItTakesTrueOrFalseAndAChoiceNamesItsChoices() {
        JsonNode active =
                api.asAdmin().get("/api/v1/grants?active=maybe").expect(400).json();
        JsonNode state = api.asAdmin()
                .get("/api/v1/webhooks/any/deliveries?state=NOPE")
                .expect(400)
                .json();

        assertThat(active.get("detail").asString()).isEqualTo("active: must be true or false");
        assertThat(active.toString()).doesNotContain("maybe");
        assertThat(state.get("detail").asString())
                .startsWith("state: must be one of ")
                .contains("PENDING, DELIVERED, DEAD");
        assertThat(state.toString()).doesNotContain("NOPE");
    }

    @Test
    void aSwitchTakesOnlyTrueOrFalseAndAnEmptyOneIsRefusedRatherThanReadAsLeftOut() {
        String name = Api.unique("dry");
        String bundle =
                "{\"users\":[{\"username\":\"" + name + "\",\"email\":\"d@example.com\",\"displayName\":\"D\"}]}";
        for (String value : new String[] {"", "yes", "on", "1", "TRUE", "no", "0"}) {
            JsonNode imported = api.asAdmin()
                    .post("/api/v1/import?dryRun=" + value, bundle)
                    .expect(400)
                    .json();
            JsonNode grants = api.asAdmin()
                    .get("/api/v1/grants?active=" + value)
                    .expect(400)
                    .json();
            JsonNode uses = api.asAdmin()
                    .get("/api/v1/breakglass?overdue=" + value)
                    .expect(400)
                    .json();

            assertThat(imported.get("detail").asString()).isEqualTo("dryRun: must be true or false");
            assertThat(grants.get("detail").asString()).isEqualTo("active: must be true or false");
            assertThat(uses.get("detail").asString()).isEqualTo("overdue: must be true or false");
        }
        api.asAdmin().get("/api/v1/users/" + name).expect(404);
        api.asAdmin().post("/api/v1/import?dryRun=true", bundle).expect(200);
        api.asAdmin().get("/api/v1/breakglass?overdue=false").expect(200);
        api.asAdmin().get("/api/v1/users/" + name).expect(404);
    }

    @Test
    void aTimeParameterShowsItsFormWithoutRepeatingTheValue() {
        JsonNode from = api.asAdmin()
                .get("/api/v1/audit?from=sk-live-pasted-by-mistake")
                .expect(400)
                .json();

        assertThat(from.get("errors").get(0).get("field").asString()).isEqualTo("from");
        assertThat(from.get("errors").get(0).get("message").asString()).contains("such as 2025-01-31T09:30:00Z");
        assertThat(from.toString()).doesNotContain("sk-live");
    }

    @Test
    void aChoiceIsReadInAnyCaseOnEveryList() {
        for (String path : new String[] {
            "/api/v1/requests?status=pending",
            "/api/v1/requests?awaiting=ME",
            "/api/v1/notifications/deliveries?state=dead&channel=email"
        }) {
            api.asAdmin().get(path).expect(200);
        }
    }

    @Test
    void anUnreadableInstantIsTheSameRefusalOnEveryList() {
        JsonNode requests =
                api.asAdmin().get("/api/v1/requests?from=bad").expect(400).json();

        for (String path : new String[] {"/api/v1/audit?from=bad", "/api/v1/audit/export?format=csv&from=bad"}) {
            JsonNode audit = api.asAdmin().get(path).expect(400).json();
            assertThat(audit.get("errors")).as(path).isEqualTo(requests.get("errors"));
        }
    }

    /** No API operation binds a query object today; one that does must say the same. */
    @Test
    void aBoundFieldOfTheWrongTypeIsSaidInWordsToo() throws Exception {
        DataBinder binder = new DataBinder(new Lookup(), "lookup");
        binder.bind(new MutablePropertyValues(Map.of("id", "nope", "count", "many")));
        MethodArgumentNotValidException invalid = new MethodArgumentNotValidException(
                new MethodParameter(Lookup.class.getMethod("setId", UUID.class), 0), binder.getBindingResult());

        var answer = new ProblemResponses(
                        new UnavailableAnswers(java.time.Clock.systemUTC()), (request, response, rejected) -> {})
                .handleMethodArgumentNotValid(
                        invalid,
                        new HttpHeaders(),
                        HttpStatus.BAD_REQUEST,
                        new ServletWebRequest(new MockHttpServletRequest()));

        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(problem.getProperties().get("errors").toString())
                .contains("must be a UUID", "must be a whole number")
                .doesNotContain("java.", "nope", "many");
    }

    public static class Lookup {
        private UUID id;
        private int count;

        public UUID getId() {
            return id;
        }

        public void setId(UUID id) {
            this.id = id;
        }

        public int getCount() {
            return count;
        }

        public void setCount(int count) {
            this.count = count;
        }
    }
}
