package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * ETag and If-Match on users, groups, resources, policies and webhooks, so that concurrent editors
 * cannot overwrite each other, and If-Match on an object without versions.
 */
@CountersignTest
class ConfigurationETagTests extends ConfigurationObjectsTestBase {

    @Autowired
    MutableClock clock;

    @ParameterizedTest
    @ValueSource(strings = {"users", "groups", "resources", "policies"})
    void aWriteWithTheCurrentETagSucceedsAndOneWithAStaleETagIsRefusedWith412(String kind) {
        String key = create(kind, Api.unique("tag" + kind.charAt(0)));
        String path = "/api/v1/" + kind + "/" + key;
        var read = api.asAdmin().get(path).expect(200);
        String etag = read.header("ETag");
        assertThat(etag).matches("\"[^\"]+\"");
        String body = changed(kind, read.json());

        var written = api.asAdmin().call(HttpMethod.PUT, path, body, "If-Match", etag);
        assertThat(written.status()).isEqualTo(200);
        String newer = written.header("ETag");
        assertThat(newer).isNotEqualTo(etag);
        assertThat(api.asAdmin().get(path).header("ETag")).isEqualTo(newer);

        var stale = api.asAdmin().call(HttpMethod.PUT, path, body, "If-Match", etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(api.asAdmin()
                        .call(HttpMethod.DELETE, path, null, "If-Match", etag)
                        .status())
                .isEqualTo(412);
        assertThat(api.asAdmin().get(path).status()).isEqualTo(200);

        assertThat(api.asAdmin()
                        .call(HttpMethod.DELETE, path, null, "If-Match", newer)
                        .status())
                .isEqualTo(204);
        assertThat(api.asAdmin().get(path).status()).isEqualTo(404);
    }

    /** A stale If-Match is judged before anything else: the caller must read the object again either way. */
    @Test
    void aStaleETagOnAGroupStillInUseIsRefusedWith412NotWithTheConflict() {
        String group = create("groups", Api.unique("used"));
        String path = "/api/v1/groups/" + group;
        String old = api.asAdmin().get(path).header("ETag");
        api.asAdmin()
                .put(path, Api.json(Map.of("name", group, "members", List.of("admin"), "managers", List.of())))
                .expect(200);
        Map<String, Object> policy = policy(Api.unique("uses"), 10);
        policy.put("steps", List.of(Map.of("approvers", List.of(Map.of("group", group)))));
        api.asAdmin().post("/api/v1/policies", Api.json(policy)).expect(201);

        var stale = api.asAdmin().call(HttpMethod.DELETE, path, null, "If-Match", old);
        var current = api.asAdmin()
                .call(
                        HttpMethod.DELETE,
                        path,
                        null,
                        "If-Match",
                        api.asAdmin().get(path).header("ETag"));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(current.status()).isEqualTo(409);
        assertThat(api.asAdmin().get(path).status()).isEqualTo(200);
    }

    /** Nothing stored, nothing changed: a tag read before a write that changed nothing still holds. */
    @ParameterizedTest
    @ValueSource(strings = {"users", "groups", "resources", "policies"})
    void aWriteThatChangesNothingKeepsTheETag(String kind) {
        String key = create(kind, Api.unique("same" + kind.charAt(0)));
        String path = "/api/v1/" + kind + "/" + key;
        var read = api.asAdmin().get(path).expect(200);

        var unchanged = api.asAdmin().call(HttpMethod.PUT, path, read.body(), "If-Match", read.header("ETag"));

        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.header("ETag")).isEqualTo(read.header("ETag"));
    }

    /** The object as read, with one field changed, ready to PUT. */
    private static String changed(String kind, JsonNode read) {
        Map<String, Object> body = new LinkedHashMap<>(Api.JSON_READER.convertValue(read, Map.class));
        switch (kind) {
            case "users" -> body.put("displayName", "Changed");
            case "groups" -> body.put("members", List.of("admin"));
            case "resources" -> body.put("labels", Map.of("env", "changed"));
            case "policies" -> body.put("priority", 77);
            default -> throw new IllegalArgumentException(kind);
        }
        return Api.json(body);
    }

    @Test
    void withoutIfMatchWritesWorkAsBefore() {
        String name = create("groups", Api.unique("free"));

        api.asAdmin()
                .put(
                        "/api/v1/groups/" + name,
                        Api.json(Map.of("name", name, "members", List.of(), "managers", List.of())))
                .expect(200);
        api.asAdmin().delete("/api/v1/groups/" + name).expect(204);
    }

    @Test
    void anETagOfADeletedObjectNeverMatchesTheOneCreatedAgainUnderItsName() {
        String name = create("resources", Api.unique("again"));
        String old = api.asAdmin().get("/api/v1/resources/" + name).header("ETag");
        api.asAdmin().delete("/api/v1/resources/" + name).expect(204);
        clock.advance(Duration.ofMillis(1));
        create("resources", name);

        var answer = api.asAdmin().call(HttpMethod.DELETE, "/api/v1/resources/" + name, null, "If-Match", old);

        assertThat(answer.status()).isEqualTo(412);
        assertThat(api.asAdmin()
                        .call(HttpMethod.PUT, "/api/v1/resources/" + name, "{}", "If-Match", "\"0-0\"")
                        .status())
                .isEqualTo(412);
    }

    @Test
    void deletingAUserChangesTheETagsOfTheGroupsAndResourcesThatNamedThem() {
        String person = create("users", Api.unique("leaver"));
        String group = Api.unique("team");
        api.asAdmin()
                .post(
                        "/api/v1/groups",
                        Api.json(Map.of("name", group, "members", List.of(person), "managers", List.of(person))))
                .expect(201);
        String resource = Api.unique("db");
        api.asAdmin()
                .post(
                        "/api/v1/resources",
                        Api.json(Map.of(
                                "name",
                                resource,
                                "type",
                                "database",
                                "accounts",
                                List.of("admin"),
                                "owners",
                                List.of(person))))
                .expect(201);
        var groupRead = api.asAdmin().get("/api/v1/groups/" + group);
        var resourceRead = api.asAdmin().get("/api/v1/resources/" + resource);

        api.asAdmin().delete("/api/v1/users/" + person).expect(204);
        create("users", person);

        assertThat(api.asAdmin()
                        .call(
                                HttpMethod.PUT,
                                "/api/v1/groups/" + group,
                                groupRead.body(),
                                "If-Match",
                                groupRead.header("ETag"))
                        .status())
                .as("a group read while the deleted user was in it is not written back")
                .isEqualTo(412);
        assertThat(api.asAdmin()
                        .call(
                                HttpMethod.PUT,
                                "/api/v1/resources/" + resource,
                                resourceRead.body(),
                                "If-Match",
                                resourceRead.header("ETag"))
                        .status())
                .isEqualTo(412);
        assertThat(api.asAdmin().get("/api/v1/groups/" + group).json().get("managers"))
                .isEmpty();
        assertThat(api.asAdmin().get("/api/v1/resources/" + resource).json().get("owners"))
                .isEmpty();
    }

    @Test
    void anIfMatchOnAnObjectWithoutVersionsHoldsOnlyAsAStar() {
        String levels = api.asAdmin().get("/api/v1/levels").expect(200).body();

        var refused = api.asAdmin()
                .call(HttpMethod.PUT, "/api/v1/levels", Api.json(List.of("intern")), "If-Match", "\"1-1\"");

        assertThat(refused.status()).isEqualTo(412);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("carries no version");
        assertThat(api.asAdmin().get("/api/v1/levels").expect(200).body()).isEqualTo(levels);
        assertThat(api.asAdmin()
                        .call(HttpMethod.PUT, "/api/v1/levels", levels, "If-Match", "*")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aNewSigningSecretChangesAWebhooksETag() {
        String id = create("webhooks", Api.unique("hook"));
        String before = api.asAdmin().get("/api/v1/webhooks/" + id).header("ETag");
        api.asAdmin()
                .post("/api/v1/webhooks/" + id + "/secrets", Api.json(Map.of("secret", SECRET + "x")))
                .expect(201);

        assertThat(api.asAdmin()
                        .call(HttpMethod.DELETE, "/api/v1/webhooks/" + id, null, "If-Match", before)
                        .status())
                .isEqualTo(412);
        String after = api.asAdmin().get("/api/v1/webhooks/" + id).header("ETag");
        assertThat(after).isNotEqualTo(before);
        assertThat(api.asAdmin()
                        .call(HttpMethod.DELETE, "/api/v1/webhooks/" + id, null, "If-Match", after)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void aSecretRotationMayBeMadeConditionalOnTheWebhooksETag() {
        String id = create("webhooks", Api.unique("hook"));
        String secrets = "/api/v1/webhooks/" + id + "/secrets";
        String first = api.asAdmin().get("/api/v1/webhooks/" + id).header("ETag");

        var added = api.asAdmin()
                .call(HttpMethod.POST, secrets, Api.json(Map.of("secret", SECRET + "x")), "If-Match", first)
                .expect(201);
        String second = added.header("ETag");
        assertThat(second).isNotNull().isNotEqualTo(first);
        api.asAdmin()
                .call(HttpMethod.POST, secrets, Api.json(Map.of("secret", SECRET + "y")), "If-Match", first)
                .expect(412);
        api.asAdmin()
                .call(HttpMethod.DELETE, secrets + "/1", null, "If-Match", first)
                .expect(412);

        var removed = api.asAdmin()
                .call(HttpMethod.DELETE, secrets + "/1", null, "If-Match", second)
                .expect(200);
        assertThat(removed.json().get("secrets")).hasSize(1);
    }

    @Test
    void twoAdministratorsEditingOnePolicyCannotOverwriteEachOther() {
        String name = create("policies", Api.unique("shared"));
        String carol = secondAdministrator();
        var theirRead = api.asAdmin().get("/api/v1/policies/" + name);
        var carolsRead = api.as(carol).get("/api/v1/policies/" + name);
        assertThat(carolsRead.header("ETag")).isEqualTo(theirRead.header("ETag"));

        api.asAdmin()
                .call(
                        HttpMethod.PUT,
                        "/api/v1/policies/" + name,
                        Api.json(policy(name, 20)),
                        "If-Match",
                        theirRead.header("ETag"))
                .expect(200);
        var carols = api.as(carol)
                .call(
                        HttpMethod.PUT,
                        "/api/v1/policies/" + name,
                        Api.json(policy(name, 30)),
                        "If-Match",
                        carolsRead.header("ETag"));

        assertThat(carols.status()).isEqualTo(412);
        assertThat(api.asAdmin()
                        .get("/api/v1/policies/" + name)
                        .json()
                        .get("priority")
                        .asInt())
                .isEqualTo(20);
    }

    @Test
    void ofConcurrentWritesWithTheSameETagExactlyOneSucceeds() throws Exception {
        String name = create("policies", Api.unique("race"));
        String etag = api.asAdmin().get("/api/v1/policies/" + name).header("ETag");
        int writers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                int priority = 40 + i;
                Callable<Integer> write = () -> {
                    start.await();
                    return api.asAdmin()
                            .call(
                                    HttpMethod.PUT,
                                    "/api/v1/policies/" + name,
                                    Api.json(policy(name, priority)),
                                    "If-Match",
                                    etag)
                            .status();
                };
                answers.add(pool.submit(write));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(200, 412);
            assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private String secondAdministrator() {
        return api.tokenHolder("carol", "ADMIN");
    }
}
