package io.countersign.request;

import static io.countersign.request.Organisation.breakGlassBlock;
import static io.countersign.request.Organisation.step;
import static io.countersign.request.Organisation.usersNamed;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Who reads a break-glass use through the API besides those involved in it: its reviewers, and the
 * people told of it when it was taken, who read it and find it in their lists without any say in it.
 */
@CountersignTest
class BreakGlassReadersTests extends DevLisaAndCarolTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Person rita;
    String resource;
    String policy;

    @BeforeEach
    void aPolicyThatTellsCarolOfEachUseAndHasRitaReviewIt() {
        rita = org.person("rita");
        resource = org.resource();
        policy = org.policy(resource, List.of(step("Leads", 1, lisa)), breakGlassTelling(carol));
    }

    private Map<String, Object> breakGlassTelling(Person... notified) {
        return breakGlassBlock("PT2H", usersNamed(notified), usersNamed(rita));
    }

    private String breakGlass() {
        return org.request(dev, resource, Map.of("breakGlass", true, "justification", "database down"))
                .get("id")
                .asString();
    }

    private Api.Response read(Person who, String id) {
        return api.as(who.token()).get("/api/v1/requests/" + id);
    }

    private JsonNode page(Person who, String path) {
        return api.as(who.token()).get(path).expect(200).json();
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").valueStream().map(i -> i.get("id").asString()).toList();
    }

    /** Every id a list holds for {@code who}, following its cursors a row at a time. */
    private List<String> everyPage(Person who, String path) {
        List<String> all = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        JsonNode page = page(who, path + separator + "limit=1");
        all.addAll(ids(page));
        while (page.hasNonNull("nextCursor")) {
            page = page(
                    who,
                    path + separator + "limit=1&cursor="
                            + page.get("nextCursor").asString());
            all.addAll(ids(page));
        }
        return all;
    }

    @Test
    void thePeopleToldOfAUseReadItButMayNotReviewIt() {
        String id = breakGlass();

        assertThat(read(carol, id).expect(200).json().get("breakGlass").asBoolean())
                .isTrue();
        assertThat(api.as(carol.token())
                        .post("/api/v1/requests/" + id + "/review", Api.json(Map.of("comment", "seen")))
                        .expect(403)
                        .json()
                        .get("detail")
                        .asString())
                .contains("not among the reviewers");
        assertThat(read(rita, id).expect(200).json().get("review").get("status").asString())
                .isEqualTo("PENDING");
    }

    /**
     * Those who read a use without a say in it are refused a decision on it as anyone who reads an
     * approved request and has no say in it is (here tom, an approver whose step lisa decided): for
     * what they may not do, never as if the use were not there.
     */
    @Test
    void thePeopleToldOfAUseAndItsReviewerAreRefusedADecisionAsAnyReaderIs() {
        String id = breakGlass();
        Person tom = org.person("tom");
        String ordinary = org.pendingRequest(dev, List.of(step("Leads", 1, lisa, tom)));
        api.as(lisa.token())
                .post("/api/v1/requests/" + ordinary + "/approve", null)
                .expect(200);

        for (String action : List.of("approve", "reject", "cancel")) {
            Api.Response bystander = api.as(tom.token()).post("/api/v1/requests/" + ordinary + "/" + action, null);
            assertThat(bystander.status()).as(action).isIn(403, 409);
            for (Person reader : List.of(carol, rita)) {
                Api.Response answer = api.as(reader.token()).post("/api/v1/requests/" + id + "/" + action, null);

                assertThat(answer.status()).as(action + " by " + reader.name()).isEqualTo(bystander.status());
                assertThat(answer.json().get("title").asString())
                        .as(action + " by " + reader.name())
                        .isEqualTo(bystander.json().get("title").asString());
                assertThat(answer.json().get("detail").asString())
                        .as(action + " by " + reader.name())
                        .isEqualTo(bystander
                                .json()
                                .get("detail")
                                .asString()
                                .replace(ordinary, id)
                                .replace(tom.name(), reader.name()));
            }
        }
        assertThat(read(dev, id).expect(200).json().get("status").asString()).isEqualTo("APPROVED");
    }

    /** A use under a block stored before reviews existed has none, and still keeps whom it told. */
    @Test
    void thePeopleToldOfAUseWithoutAReviewLearnItHasNoneAsItsRequesterDoes() {
        String id = breakGlass();
        jdbc.sql("delete from break_glass_review_people where request_id = ?")
                .param(id)
                .update();
        jdbc.sql("delete from break_glass_reviews where request_id = ?")
                .param(id)
                .update();

        String involved = api.as(dev.token())
                .post("/api/v1/requests/" + id + "/review", null)
                .expect(409)
                .json()
                .get("detail")
                .asString();
        String told = api.as(carol.token())
                .post("/api/v1/requests/" + id + "/review", null)
                .expect(409)
                .json()
                .get("detail")
                .asString();

        assertThat(told).isEqualTo(involved).contains("not a break-glass use with a review");
        read(carol, id).expect(200);
    }

    @Test
    void someoneNeitherToldOfAUseNorReviewingItLearnsNothingOfIt() {
        String id = breakGlass();

        read(lisa, id).expect(404);
        api.as(lisa.token())
                .post("/api/v1/requests/" + id + "/review", Api.json(Map.of("comment", "seen")))
                .expect(404);
    }

    @Test
    void whoWasToldIsTheEmergencyListAsItWasWhenTheUseWasTaken() {
        Person tom = org.person("tom");
        String before = breakGlass();
        Map<String, Object> revised = new LinkedHashMap<>();
        revised.put("name", policy);
        revised.put("priority", 10);
        revised.put("conditions", Map.of("resourceName", resource));
        revised.put("steps", List.of(step("Leads", 1, lisa)));
        revised.putAll(breakGlassTelling(tom));
        api.asAdmin().put("/api/v1/policies/" + policy, Api.json(revised)).expect(200);
        String after = breakGlass();

        read(carol, before).expect(200);
        read(tom, before).expect(404);
        read(tom, after).expect(200);
        read(carol, after).expect(404);
    }

    @Test
    void thePeopleToldOfAUseFindItInTheirListsOnceWithTheFiltersAndCursorsAtWork() {
        String told = org.resource();
        org.policy(told, List.of(step("Leads", 1, lisa)), breakGlassTelling(carol, rita));
        String first = org.request(dev, told, Map.of("breakGlass", true, "justification", "database down"))
                .get("id")
                .asString();
        clock.advance(Duration.ofSeconds(1));
        String second = org.request(dev, told, Map.of("breakGlass", true, "justification", "still down"))
                .get("id")
                .asString();
        String mine = "/api/v1/requests?resource=" + told;

        assertThat(everyPage(carol, mine)).containsExactly(second, first);
        assertThat(everyPage(carol, "/api/v1/breakglass")).containsExactly(second, first);
        assertThat(everyPage(carol, mine + "&requester=" + dev.name())).containsExactly(second, first);
        assertThat(ids(page(carol, mine + "&status=PENDING"))).isEmpty();
        assertThat(ids(page(carol, mine + "&awaiting=me"))).isEmpty();
        assertThat(ids(page(carol, "/api/v1/breakglass?overdue=true"))).isEmpty();
        assertThat(everyPage(rita, mine))
                .as("told of the uses and reviewing them, each use once")
                .containsExactly(second, first);
        assertThat(everyPage(rita, "/api/v1/breakglass")).containsExactly(second, first);
    }

    @Test
    void someoneNotToldOfAUseDoesNotFindItInAnyList() {
        Person tom = org.person("tom");
        String id = breakGlass();

        assertThat(ids(page(carol, "/api/v1/requests"))).containsExactly(id);
        assertThat(ids(page(lisa, "/api/v1/requests"))).doesNotContain(id);
        assertThat(ids(page(lisa, "/api/v1/breakglass"))).doesNotContain(id);
        assertThat(ids(page(tom, "/api/v1/requests"))).isEmpty();
        assertThat(ids(page(tom, "/api/v1/breakglass"))).isEmpty();
    }

    @Test
    void aDelegateWhoReviewedAUseKeepsReadingAndListingItOnceTheDelegationEnds() {
        Person tom = org.person("tom");
        String delegation = api.delegate(
                rita.token(), rita.name(), tom.name(), clock.instant().plus(Duration.ofDays(2)));
        String id = breakGlass();
        api.as(tom.token())
                .post("/api/v1/requests/" + id + "/review", Api.json(Map.of("comment", "for rita")))
                .expect(200);

        api.as(rita.token())
                .delete("/api/v1/users/" + rita.name() + "/delegations/" + delegation)
                .expect(204);

        assertThat(read(tom, id)
                        .expect(200)
                        .json()
                        .get("review")
                        .get("reviewedBy")
                        .asString())
                .isEqualTo(tom.name());
        assertThat(everyPage(tom, "/api/v1/breakglass")).containsExactly(id);
    }

    @Test
    void aDelegatesPageHoldsTheUsesTheirDelegationCoversThoughNewerOnesItDoesNotCoverCameFirst() {
        Person tom = org.person("tom");
        api.as(rita.token())
                .post(
                        "/api/v1/users/" + rita.name() + "/delegations",
                        Api.json(Map.of(
                                "delegate", tom.name(),
                                "until",
                                        clock.instant().plus(Duration.ofDays(2)).toString(),
                                "resources", List.of(resource))))
                .expect(201);
        String covered = breakGlass();
        String other = org.resource();
        org.policy(other, List.of(step("Leads", 1, lisa)), breakGlassTelling(carol));
        clock.advance(Duration.ofSeconds(1));
        org.request(dev, other, Map.of("breakGlass", true, "justification", "database down"));

        JsonNode first = page(tom, "/api/v1/breakglass?limit=1");

        assertThat(ids(first)).containsExactly(covered);
        assertThat(first.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void theRequesterDoesNotFindTheirOwnUseAmongThoseTheyReviewForADelegator() {
        api.delegate(rita.token(), rita.name(), dev.name(), clock.instant().plus(Duration.ofDays(2)));
        String id = breakGlass();

        assertThat(ids(page(dev, "/api/v1/breakglass"))).doesNotContain(id);
        assertThat(ids(page(rita, "/api/v1/breakglass"))).contains(id);
    }

    /** Takes the review out of the stored policy, as it was stored before reviews existed. */
    private void storedBeforeReviews(String policy) {
        String before = jdbc.sql("select definition from policies where name = ?")
                .param(policy)
                .query(String.class)
                .single();
        String unreviewed =
                before.replace(",\"reviewers\":[{\"user\":\"" + rita.name() + "\"}],\"reviewWithin\":\"PT24H\"", "");
        assertThat(unreviewed).doesNotContain("reviewWithin");
        jdbc.sql("update policies set definition = ? where name = ?")
                .params(unreviewed, policy)
                .update();
        // any policy change has every instance read the stored policies again
        org.policy(org.resource(), List.of(step("Leads", 1, lisa)));
    }

    @Test
    void aUseUnderABlockStoredBeforeReviewsExistedStillLetsThoseItToldReadAndListIt() {
        storedBeforeReviews(policy);
        JsonNode use = org.request(dev, resource, Map.of("breakGlass", true, "justification", "database down"));
        String id = use.get("id").asString();
        assertThat(use.get("review").isNull())
                .as("a use under such a block opens no review")
                .isTrue();

        assertThat(read(carol, id).expect(200).json().get("breakGlass").asBoolean())
                .isTrue();
        assertThat(ids(page(carol, "/api/v1/requests"))).containsExactly(id);
        assertThat(ids(page(carol, "/api/v1/breakglass"))).containsExactly(id);
        read(rita, id).expect(404);
        read(lisa, id).expect(404);
        assertThat(ids(page(rita, "/api/v1/breakglass"))).isEmpty();
        assertThat(ids(page(lisa, "/api/v1/requests"))).doesNotContain(id);
    }

    @Test
    void aUseUnderABlockStoredBeforeReviewsThatTellsNobodyStillGoesThrough() {
        String nobody = org.resource();
        String unreviewed = org.policy(
                nobody,
                List.of(step("Leads", 1, lisa)),
                breakGlassBlock("PT2H", List.of(Map.of("group", org.group())), usersNamed(rita)));
        storedBeforeReviews(unreviewed);

        JsonNode use = org.request(dev, nobody, Map.of("breakGlass", true, "justification", "database down"));

        assertThat(use.get("status").asString()).isEqualTo("APPROVED");
        read(carol, use.get("id").asString()).expect(404);
    }
}
