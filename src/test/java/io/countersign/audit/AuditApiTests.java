package io.countersign.audit;

import static io.countersign.testing.Api.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.shared.ShortIds;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/audit} and {@code GET /api/v1/audit/verify} as administrators, auditors and others see them. */
@CountersignTest
@Import(AuditFixtures.class)
@TestPropertySource(properties = "countersign.audit.verify-batch-size=4")
class AuditApiTests {

    @Autowired
    Api api;

    @Autowired
    AuditedChanges changes;

    @Autowired
    AuditTables tables;

    @Autowired
    MutableClock clock;

    @Test
    void auditorsAndAdministratorsReadTheLogAndNobodyElseDoes() {
        String auditor = api.tokenHolder("audrey", "AUDITOR");
        String user = api.tokenHolder("ursula", "USER");

        api.as(auditor).get("/api/v1/audit").expect(200);
        api.as(auditor).get("/api/v1/audit/verify").expect(200);
        api.asAdmin().get("/api/v1/audit").expect(200);
        assertThat(api.as(user).get("/api/v1/audit").status()).isEqualTo(403);
        assertThat(api.as(user).get("/api/v1/audit/verify").status()).isEqualTo(403);
        assertThat(api.anonymous().get("/api/v1/audit").status()).isEqualTo(401);
    }

    @Test
    void rowsTheServiceWritesNameTheRoleSystemNotAdministrator() {
        String target = "sample:" + Api.unique("forged");
        changes.publish(new SampleEvent(
                new Actor("system", Role.ADMIN, Channel.TELEGRAM, "198.51.100.7"),
                "sample.refused",
                target,
                "a call back nobody signed",
                null,
                null));
        changes.publish(new SampleEvent(Actor.system(), "sample.timed", target, "a timer fired", null, null));

        JsonNode items = list("?actor=system&action=sample.refused").get("items");
        assertThat(items.get(0).get("actorRole").asString()).isEqualTo("SYSTEM");
        items = list("?actor=system&action=sample.timed").get("items");
        assertThat(items.get(0).get("actorRole").asString()).isEqualTo("SYSTEM");
        assertThat(api.asAdmin()
                        .get("/api/v1/audit/verify")
                        .expect(200)
                        .json()
                        .get("valid")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void eventsAreListedNewestFirstWithEveryFieldOfTheContract() {
        String actor = Api.unique("quinn");
        changes.publish(SampleEvent.by(actor).withAction("sample.first"));
        changes.publish(SampleEvent.by(actor)
                .forRequest("req-abcdefgh", "grt-abcdefgh")
                .because("INC-7 failover", "INC-7", "fine by me", "left the team"));

        JsonNode page = list("?actor=" + actor);

        JsonNode newest = page.get("items").get(0);
        assertThat(fieldNames(newest))
                .containsExactlyInAnyOrder(
                        "id",
                        "occurredAt",
                        "actor",
                        "actorRole",
                        "channel",
                        "sourceAddress",
                        "action",
                        "target",
                        "requestId",
                        "grantId",
                        "note",
                        "justification",
                        "ticket",
                        "comment",
                        "reason",
                        "hashVersion",
                        "previousHash",
                        "hash");
        AuditRecord stored = tables.event(newest.get("id").asLong());
        assertThat(Instant.parse(newest.get("occurredAt").asString())).isEqualTo(stored.occurredAt());
        assertThat(newest.get("actor").asString()).isEqualTo(actor);
        assertThat(newest.get("actorRole").asString()).isEqualTo("USER");
        assertThat(newest.get("channel").asString()).isEqualTo("API");
        assertThat(newest.get("sourceAddress").asString()).isEqualTo("192.0.2.10");
        assertThat(newest.get("requestId").asString()).isEqualTo("req-abcdefgh");
        assertThat(newest.get("grantId").asString()).isEqualTo("grt-abcdefgh");
        assertThat(newest.get("justification").asString()).isEqualTo("INC-7 failover");
        assertThat(newest.get("ticket").asString()).isEqualTo("INC-7");
        assertThat(newest.get("comment").asString()).isEqualTo("fine by me");
        assertThat(newest.get("reason").asString()).isEqualTo("left the team");
        assertThat(newest.get("hashVersion").asInt()).isEqualTo(2);
        assertThat(newest.get("hash").asString()).isEqualTo(stored.hash());
        assertThat(newest.get("previousHash").asString()).isEqualTo(stored.previousHash());
        assertThat(page.get("items").get(1).get("action").asString()).isEqualTo("sample.first");
        assertThat(page.get("items").get(1).get("requestId").isNull()).isTrue();
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void filtersOnRequestActorAndActionMustAllHold() {
        String alice = Api.unique("alice");
        String bob = Api.unique("bob");
        String request = ShortIds.next("req");
        changes.publish(
                SampleEvent.by(alice).forRequest(request, null).withAction("request.created"),
                SampleEvent.by(bob).forRequest(request, null).withAction("request.approved"),
                SampleEvent.by(bob).withAction("request.approved"),
                SampleEvent.by(alice).forRequest(request, null).withAction("request.cancelled"));

        assertThat(actions("?requestId=" + request))
                .containsExactly("request.cancelled", "request.approved", "request.created");
        assertThat(actions("?requestId=" + request + "&actor=" + alice.toUpperCase()))
                .containsExactly("request.cancelled", "request.created");
        assertThat(actions("?requestId=" + request + "&action=request.approved"))
                .containsExactly("request.approved");
        assertThat(actions("?actor=" + bob + "&action=request.approved")).hasSize(2);
        assertThat(actions("?actor=" + bob + "&action=request.created")).isEmpty();
    }

    @Test
    void aTimeWindowIncludesItsStartAndExcludesItsEnd() {
        String actor = Api.unique("rita");
        List<Instant> times = new ArrayList<>();
        for (String action : List.of("sample.one", "sample.two", "sample.three")) {
            clock.advance(Duration.ofMinutes(1));
            times.add(clock.instant().truncatedTo(ChronoUnit.MICROS));
            changes.publish(SampleEvent.by(actor).withAction(action));
        }
        String who = "?actor=" + actor;

        assertThat(actions(who + "&from=" + times.get(1))).containsExactly("sample.three", "sample.two");
        assertThat(actions(who + "&to=" + times.get(1))).containsExactly("sample.one");
        assertThat(actions(who + "&from=" + times.get(0) + "&to=" + times.get(2)))
                .containsExactly("sample.two", "sample.one");
    }

    @Test
    void theCursorPagesThroughEveryEventOnceNewestFirst() {
        String actor = Api.unique("sam");
        for (int i = 0; i < 7; i++) {
            changes.publish(SampleEvent.by(actor).withAction("sample.n" + i));
        }

        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = list("?actor=" + actor + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(item -> seen.add(item.get("id").asLong()));
            pageSizes.add(page.get("items").size());
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void aPageHoldsFiftyEventsUnlessTheCallerAsksForUpToFiveHundred() {
        String actor = Api.unique("tess");
        SampleEvent[] many = new SampleEvent[60];
        Arrays.fill(many, SampleEvent.by(actor));
        changes.publish(many);

        JsonNode page = list("?actor=" + actor);
        JsonNode all = list("?actor=" + actor + "&limit=500");

        assertThat(page.get("items")).hasSize(50);
        assertThat(page.get("nextCursor").isNull()).isFalse();
        assertThat(all.get("items")).hasSize(60);
        assertThat(all.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void badParametersAreRefusedWithAProblemNamingEachOfThem() {
        var response =
                api.asAdmin().get("/api/v1/audit?from=yesterday&to=2025-02-30T00:00:00Z&limit=501&cursor=bm9wZQ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        Set<String> fields = new HashSet<>();
        response.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("from", "to", "limit", "cursor");
    }

    @Test
    void aWindowEndingBeforeItStartsIsRefusedOnItsEnd() {
        var response = api.asAdmin().get("/api/v1/audit?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("to");
    }

    @Test
    void aValidChainIsReportedWithItsLengthAndHeadHashAndNoBreak() {
        changes.publish(SampleEvent.by(Api.unique("uma")));

        JsonNode answer = api.asAdmin().get("/api/v1/audit/verify").expect(200).json();

        ChainHead head = tables.head();
        assertThat(answer.get("valid").asBoolean()).isTrue();
        assertThat(answer.get("events").asLong()).isEqualTo(head.lastId());
        assertThat(answer.get("headHash").asString()).isEqualTo(head.lastHash());
        assertThat(answer.get("unsealedEvents").asLong()).isZero();
        assertThat(fieldNames(answer)).containsExactlyInAnyOrder("valid", "events", "headHash", "unsealedEvents");
    }

    private JsonNode list(String query) {
        return api.asAdmin().get("/api/v1/audit" + query).expect(200).json();
    }

    private List<String> actions(String query) {
        List<String> actions = new ArrayList<>();
        list(query).get("items").forEach(item -> actions.add(item.get("action").asString()));
        return actions;
    }
}
