package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.shared.Timestamps;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

@CountersignTest
class IdempotentDecisionTests extends DevAndLisaTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void aRetriedApprovalGetsTheFirstAnswerInsteadOfAlreadyDecided() {
        String id = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        String key = Api.unique("approve");
        String body = Api.json(Map.of("comment", "ok"));

        var first =
                decide(lisa, "/api/v1/requests/" + id + "/approve", body, key).expect(200);
        var retry = decide(lisa, "/api/v1/requests/" + id + "/approve", body, key);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.contentType()).isEqualTo(first.contentType());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(decisionsOn(id)).isEqualTo(1);
        // without the key the same retry is a second decision, refused
        api.as(lisa.token()).post("/api/v1/requests/" + id + "/approve", body).expect(409);
    }

    @Test
    void rejectAndCancelAnswerRetriesWithTheirFirstAnswer() {
        String rejected = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        String rejectKey = Api.unique("reject");
        var firstReject = decide(lisa, "/api/v1/requests/" + rejected + "/reject", null, rejectKey)
                .expect(200);
        assertThat(decide(lisa, "/api/v1/requests/" + rejected + "/reject", null, rejectKey)
                        .body())
                .isEqualTo(firstReject.body());

        String cancelled = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        String cancelKey = Api.unique("cancel");
        var firstCancel = decide(dev, "/api/v1/requests/" + cancelled + "/cancel", null, cancelKey)
                .expect(200);
        var again = decide(dev, "/api/v1/requests/" + cancelled + "/cancel", null, cancelKey);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(firstCancel.body());
        assertThat(again.json().get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aRetriedRevocationGetsTheFirstAnswer() {
        String resource = org.resource();
        org.policy(resource, List.of());
        String grant = org.request(dev, resource).get("grant").get("id").asString();
        String key = Api.unique("revoke");
        String body = Api.json(Map.of("reason", "done"));

        var first =
                decide(dev, "/api/v1/grants/" + grant + "/revoke", body, key).expect(200);
        var retry = decide(dev, "/api/v1/grants/" + grant + "/revoke", body, key);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.json().get("status").asString()).isEqualTo("REVOKED");
    }

    @Test
    void aKeyReusedWithAnotherBodyOrForAnotherCallIsRefusedWith422() {
        String id = org.pendingRequest(dev, List.of(step("Review", 2, lisa, org.person("sam"))));
        String key = Api.unique("approve");
        decide(lisa, "/api/v1/requests/" + id + "/approve", Api.json(Map.of("comment", "ok")), key)
                .expect(200);

        var otherBody = decide(lisa, "/api/v1/requests/" + id + "/approve", Api.json(Map.of("comment", "no")), key);
        var otherCall = decide(lisa, "/api/v1/requests/" + id + "/reject", Api.json(Map.of("comment", "ok")), key);

        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.contentType()).startsWith("application/problem+json");
        assertThat(otherCall.status()).isEqualTo(422);
        for (var reused : List.of(otherBody, otherCall)) {
            assertThat(reused.json().get("reason").asString()).isEqualTo("idempotency_key_reused");
            assertThat(reused.json().get("title").asString()).isEqualTo("Refused");
        }
        assertThat(otherBody.json().get("instance").asString()).isEqualTo("/api/v1/requests/" + id + "/approve");
        assertThat(otherCall.json().get("instance").asString()).isEqualTo("/api/v1/requests/" + id + "/reject");
        assertThat(decisionsOn(id)).isEqualTo(1);
    }

    @Test
    void aRetryWithTheSameJsonSpacedOrOrderedOtherwiseGetsTheFirstAnswer() {
        String id = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        String resource = org.resource();
        org.policy(resource, List.of());
        String grant = org.request(dev, resource).get("grant").get("id").asString();
        String approveKey = Api.unique("approve");
        String revokeKey = Api.unique("revoke");

        var approved = decide(lisa, "/api/v1/requests/" + id + "/approve", "{\"comment\":\"ok\"}", approveKey)
                .expect(200);
        var approvedAgain =
                decide(lisa, "/api/v1/requests/" + id + "/approve", "{ \"comment\": \"ok\" }\n", approveKey);
        var revoked = decide(dev, "/api/v1/grants/" + grant + "/revoke", "{\"reason\":\"done\"}", revokeKey)
                .expect(200);
        var revokedAgain =
                decide(dev, "/api/v1/grants/" + grant + "/revoke", "{\n  \"reason\" : \"done\"\n}", revokeKey);

        assertThat(approvedAgain.status()).isEqualTo(200);
        assertThat(approvedAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(approvedAgain.body()).isEqualTo(approved.body());
        assertThat(revokedAgain.status()).isEqualTo(200);
        assertThat(revokedAgain.body()).isEqualTo(revoked.body());
        assertThat(decisionsOn(id)).isEqualTo(1);
    }

    @Test
    void aDecisionWithoutABodyIsRetriedWithoutOne() {
        String id = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        String key = Api.unique("approve");
        var first = decide(lisa, "/api/v1/requests/" + id + "/approve", "", key);

        var same = decide(lisa, "/api/v1/requests/" + id + "/approve", "", key);
        var withComment = decide(lisa, "/api/v1/requests/" + id + "/approve", "{\"comment\":\"ok\"}", key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(withComment.status()).isEqualTo(422);
        assertThat(decisionsOn(id)).isEqualTo(1);
    }

    @Test
    void aKeyStoredWhenBodiesWereComparedByteForByteStillAnswersItsRetry() throws Exception {
        String id = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        String key = Api.unique("upgraded");
        String path = "/api/v1/requests/" + id + "/approve";
        String body = "{ \"comment\": \"ok\" }";
        String userId = jdbc.sql("select id from users where username = ?")
                .param(lisa.name())
                .query(String.class)
                .single();
        jdbc.sql("""
                        insert into idempotent_answers (user_id, idempotency_key, fingerprint, created_at, status,
                                                        content_type, body)
                        values (?, ?, ?, ?, 200, 'application/json', '{"stored":true}')""")
                .params(userId, key, fingerprintOf(path, body), Timestamps.toDb(clock.instant()))
                .update();

        var retry = decide(lisa, path, body, key);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo("{\"stored\":true}");
        assertThat(decisionsOn(id)).isZero();
    }

    @Test
    void aRefusedDecisionIsAnsweredTheSameOnRetry() {
        String id = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        Person stranger = org.person("stranger");
        String key = Api.unique("approve");

        var first = decide(stranger, "/api/v1/requests/" + id + "/approve", null, key);
        var retry = decide(stranger, "/api/v1/requests/" + id + "/approve", null, key);

        assertThat(first.status()).isBetween(400, 499);
        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void keysBelongToTheirCaller() {
        String id = org.pendingRequest(dev, List.of(step("Review", 2, lisa, org.person("sam"))));
        Person sam = org.person("sam");
        String other = org.pendingRequest(dev, List.of(step("Review", 1, sam)));
        String key = Api.unique("shared");

        decide(lisa, "/api/v1/requests/" + id + "/approve", null, key).expect(200);
        var samsCall = decide(sam, "/api/v1/requests/" + other + "/approve", null, key);

        assertThat(samsCall.status()).isEqualTo(200);
        assertThat(samsCall.header("Idempotent-Replayed")).isNull();
        assertThat(samsCall.json().get("id").asString()).isEqualTo(other);
    }

    @Test
    void aKeyLeftClaimedByAnInstanceThatDiedIsTakenOverAfterTwoMinutes() throws Exception {
        String id = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        String key = Api.unique("orphan");
        String path = "/api/v1/requests/" + id + "/approve";
        String userId = jdbc.sql("select id from users where username = ?")
                .param(lisa.name())
                .query(String.class)
                .single();
        jdbc.sql("""
                        insert into idempotent_answers (user_id, idempotency_key, fingerprint, created_at)
                        values (?, ?, ?, ?)""")
                .params(userId, key, fingerprintOf(path), Timestamps.toDb(clock.instant()))
                .update();

        assertThat(decide(lisa, path, null, key).status()).isEqualTo(409);
        clock.advance(Duration.ofMinutes(3));

        assertThat(decide(lisa, path, null, key).status()).isEqualTo(200);
        assertThat(decisionsOn(id)).isEqualTo(1);
    }

    /** What the service stores for a call to {@code path} without a body: the claim of that very call. */
    private static String fingerprintOf(String path) throws Exception {
        return fingerprintOf(path, "");
    }

    /** The fingerprint of a call as earlier versions stored it, path and body byte for byte. */
    private static String fingerprintOf(String path, String body) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(path.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(body.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void aKeyIsForgottenAfterADay() {
        String first = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        String key = Api.unique("daily");
        decide(lisa, "/api/v1/requests/" + first + "/approve", null, key).expect(200);

        clock.advance(Duration.ofHours(25));
        String second = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        var later = decide(lisa, "/api/v1/requests/" + second + "/approve", null, key);

        assertThat(later.status()).isEqualTo(200);
        assertThat(later.header("Idempotent-Replayed")).isNull();
        assertThat(later.json().get("id").asString()).isEqualTo(second);
    }

    @Test
    void anUnusableKeyIsRefusedBeforeAnythingHappens() {
        String id = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));

        var answer = decide(lisa, "/api/v1/requests/" + id + "/approve", null, "x".repeat(201));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(decisionsOn(id)).isZero();
    }

    @Test
    void twoKeysOnOneCallAreRefusedRatherThanOneChosenSilently() {
        String id = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        String resource = org.resource();
        org.policy(resource, List.of(step("Review", 1, lisa)));

        var decision = api.as(lisa.token())
                .call(
                        HttpMethod.POST,
                        "/api/v1/requests/" + id + "/approve",
                        null,
                        "Idempotency-Key",
                        "first",
                        "Idempotency-Key",
                        "second");
        var creation = api.as(dev.token())
                .call(
                        HttpMethod.POST,
                        "/api/v1/requests",
                        Api.json(java.util.Map.of("resource", resource, "account", "admin")),
                        "Idempotency-Key",
                        "first",
                        "Idempotency-Key",
                        "second");

        for (var answer : List.of(decision, creation)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("errors").get(0).get("code").asString())
                    .isEqualTo("repeated");
        }
        assertThat(decisionsOn(id)).isZero();
        assertThat(api.as(dev.token())
                        .get("/api/v1/requests?resource=" + resource)
                        .expect(200)
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void concurrentRetriesDecideOnceAndNeverAnswerAlreadyDecided() throws Exception {
        String id = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        String key = Api.unique("approve");
        int callers = 4;
        CountDownLatch start = new CountDownLatch(1);
        Callable<Api.Response> call = () -> {
            start.await();
            return decide(lisa, "/api/v1/requests/" + id + "/approve", null, key);
        };
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(call));
            }
            start.countDown();
            for (Future<Api.Response> answer : answers) {
                // the first call decides; the others get its answer or "still running, retry"
                assertThat(answer.get().status()).isIn(200, 409);
                if (answer.get().status() == 409) {
                    assertThat(answer.get().header("Retry-After")).isEqualTo("1");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(decisionsOn(id)).isEqualTo(1);
        assertThat(decide(lisa, "/api/v1/requests/" + id + "/approve", null, key)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aCreationsKeyIsNotADecisionsKeyNorTheOtherWayRound() {
        String resource = org.resource();
        org.policy(resource, List.of(step("Review", 1, lisa)));
        String body = Api.json(Map.of("resource", resource, "account", "admin", "justification", "INC-1"));
        String creationKey = Api.unique("create");
        String created = api.as(dev.token())
                .call(HttpMethod.POST, "/api/v1/requests", body, "Idempotency-Key", creationKey)
                .expect(201)
                .json()
                .get("id")
                .asString();

        var cancel = decide(dev, "/api/v1/requests/" + created + "/cancel", null, creationKey);

        assertThat(cancel.status()).isEqualTo(422);
        assertThat(cancel.json().get("reason").asString()).isEqualTo("idempotency_key_reused");
        assertThat(api.status(created)).isEqualTo("PENDING");

        String other = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        String cancelKey = Api.unique("cancel");
        decide(dev, "/api/v1/requests/" + other + "/cancel", null, cancelKey).expect(200);
        long before = jdbc.sql("select count(*) from access_requests")
                .query(Long.class)
                .single();

        var create = api.as(dev.token()).call(HttpMethod.POST, "/api/v1/requests", body, "Idempotency-Key", cancelKey);

        assertThat(create.status()).isEqualTo(422);
        assertThat(create.json().get("reason").asString()).isEqualTo("idempotency_key_reused");
        assertThat(jdbc.sql("select count(*) from access_requests")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }
}
