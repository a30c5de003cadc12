package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Who sees which request, "what waits on me", filters and pagination. */
@CountersignTest
class RequestReadingTests extends DevLisaAndCarolTestBase {

    @Autowired
    MutableClock clock;

    Person stranger;
    String resource;

    @BeforeEach
    void organisation() {
        stranger = org.person("stranger");
        resource = org.resource();
        org.policy(resource, List.of(step("Manager", 1, lisa), step("Security", 1, carol)));
    }

    private Api.Caller as(Person person) {
        return api.as(person.token());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : page.get("items")) {
            ids.add(item.get("id").asString());
        }
        return ids;
    }

    @Test
    void someoneUninvolvedGetsNotFoundForTheRequestAndNeverSeesItListed() {
        String id = org.request(dev, resource).get("id").asString();

        assertThat(as(stranger).get("/api/v1/requests/" + id).status()).isEqualTo(404);
        assertThat(as(stranger)
                        .post("/api/v1/requests/" + id + "/approve", null)
                        .status())
                .isEqualTo(404);
        assertThat(as(stranger).post("/api/v1/requests/" + id + "/cancel", null).status())
                .isEqualTo(404);
        assertThat(as(stranger).get("/api/v1/requests/req-zzzzzzzz").status()).isEqualTo(404);
        assertThat(ids(as(stranger)
                        .get("/api/v1/requests?limit=200")
                        .expect(200)
                        .json()))
                .doesNotContain(id);
    }

    @Test
    void theRequesterTheApproversOfEveryStepAdministratorsAndAuditorsSeeTheRequest() {
        String id = org.request(dev, resource).get("id").asString();
        Person auditor = org.person("auditor", "AUDITOR");

        for (Person involved : List.of(dev, lisa, carol, auditor)) {
            assertThat(as(involved).get("/api/v1/requests/" + id).status())
                    .as(involved.name())
                    .isEqualTo(200);
            assertThat(ids(as(involved)
                            .get("/api/v1/requests?resource=" + resource)
                            .json()))
                    .as(involved.name())
                    .contains(id);
        }
        assertThat(api.asAdmin().get("/api/v1/requests/" + id).status()).isEqualTo(200);
    }

    @Test
    void awaitingMeListsWhatWaitsOnTheCallerNow() {
        String id = org.request(dev, resource).get("id").asString();

        assertThat(ids(as(lisa).get("/api/v1/requests?awaiting=me").json())).containsExactly(id);
        assertThat(ids(as(carol).get("/api/v1/requests?awaiting=me").json()))
                .as("the second step has not started")
                .isEmpty();

        as(lisa).post("/api/v1/requests/" + id + "/approve", null).expect(200);

        assertThat(ids(as(lisa).get("/api/v1/requests?awaiting=me").json())).isEmpty();
        assertThat(ids(as(carol).get("/api/v1/requests?awaiting=me").json())).containsExactly(id);
        assertThat(ids(as(dev).get("/api/v1/requests?awaiting=me").json())).isEmpty();
    }

    @Test
    void filtersNarrowTheListByStatusRequesterAndResource() {
        String pending = org.request(dev, resource).get("id").asString();
        String cancelled = org.request(dev, resource).get("id").asString();
        as(dev).post("/api/v1/requests/" + cancelled + "/cancel", null).expect(200);

        assertThat(ids(as(dev).get("/api/v1/requests?status=CANCELLED&resource=" + resource)
                        .json()))
                .containsExactly(cancelled);
        assertThat(ids(as(dev).get("/api/v1/requests?status=pending&resource=" + resource)
                        .json()))
                .containsExactly(pending);
        assertThat(ids(api.asAdmin()
                        .get("/api/v1/requests?requester=" + dev.name())
                        .json()))
                .containsExactlyInAnyOrder(pending, cancelled);
    }

    @Test
    void fromAndToNarrowTheListToWhenRequestsWereMade() {
        String before = org.request(dev, resource).get("id").asString();
        clock.advance(Duration.ofHours(1));
        Instant from = clock.instant();
        String inside = org.request(dev, resource).get("id").asString();
        clock.advance(Duration.ofHours(1));
        Instant to = clock.instant();
        String after = org.request(dev, resource).get("id").asString();

        assertThat(ids(as(dev).get("/api/v1/requests?resource=" + resource + "&from=" + from + "&to=" + to)
                        .expect(200)
                        .json()))
                .containsExactly(inside);
        assertThat(ids(as(dev).get("/api/v1/requests?resource=" + resource + "&from=" + to)
                        .json()))
                .containsExactly(after);
        assertThat(ids(as(dev).get("/api/v1/requests?resource=" + resource + "&to=" + from)
                        .json()))
                .containsExactly(before);
        var backwards = as(dev).get("/api/v1/requests?from=" + to + "&to=" + from);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("errors").get(0).get("field").asString())
                .isEqualTo("to");
    }

    @Test
    void pagesRunNewestFirstWithoutGapsOrRepeats() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, org.request(dev, resource).get("id").asString());
            clock.advance(Duration.ofSeconds(1));
        }
        // two requests created in the same instant are still ordered and paged exactly
        created.add(0, org.request(dev, resource).get("id").asString());
        String tied = org.request(dev, resource).get("id").asString();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = as(dev).get("/api/v1/requests?limit=2&resource=" + resource
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .expect(200)
                    .json();
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(4);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        assertThat(seen.subList(2, 7)).isEqualTo(created.subList(1, 6));
        assertThat(seen.subList(0, 2)).containsExactlyInAnyOrder(created.get(0), tied);
    }

    @Test
    void badListParametersAreReportedTogether() {
        var answer = as(dev).get("/api/v1/requests?status=WAITING&awaiting=you&limit=500");

        assertThat(answer.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        answer.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("status", "awaiting", "limit");
        assertThat(as(dev).get("/api/v1/requests?cursor=not-a-cursor").status()).isEqualTo(400);
    }

    @Test
    void aRequestAnswerHasTheDocumentedShape() {
        JsonNode request = org.request(dev, resource);

        assertThat(request.propertyNames())
                .contains(
                        "id",
                        "status",
                        "requester",
                        "resource",
                        "account",
                        "duration",
                        "justification",
                        "ticket",
                        "policy",
                        "createdAt",
                        "expiresAt",
                        "currentStep",
                        "steps",
                        "decisions",
                        "grant");
        assertThat(request.get("steps").get(0).propertyNames())
                .contains("name", "requiredApprovals", "status", "eligibleApprovers", "deadline");
    }
}
