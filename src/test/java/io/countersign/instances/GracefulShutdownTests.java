package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.testing.PostgresDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shutting an instance down answers every long poll at once with where its request stands. */
class GracefulShutdownTests {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void everyWaiterIsAnsweredWithItsRequestsCurrentStateWhenTheInstanceStops(String database) throws Exception {
        Instance instance = Instance.start("stopping", databaseUrl(database), new MutableClock());
        try {
            String requester = instance.user(Api.unique("dev"), "USER");
            String approver = Api.unique("lisa");
            instance.user(approver, "USER");
            String resource = instance.resourceReviewedBy(approver, "PT1H");
            List<String> ids = new ArrayList<>();
            List<CompletableFuture<Instance.Answer>> waiters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = instance.post(
                                requester, "/api/v1/requests", Map.of("resource", resource, "account", "admin"))
                        .expect(201)
                        .json()
                        .get("id")
                        .asString();
                ids.add(id);
                // two callers wait on each request, up to the longest wait allowed
                waiters.add(instance.send(requester, "GET", "/api/v1/requests/" + id + "?wait=60", null));
                waiters.add(instance.send(requester, "GET", "/api/v1/requests/" + id + "?wait=60", null));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> waiting(instance) == waiters.size());

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(instance::close);

            // long before any waiter's own minute is up
            await().atMost(Duration.ofSeconds(15)).until(() -> waiters.stream().allMatch(CompletableFuture::isDone));
            for (int i = 0; i < waiters.size(); i++) {
                var answer = waiters.get(i).get().expect(200).json();
                assertThat(answer.get("id").asString()).isEqualTo(ids.get(i / 2));
                assertThat(answer.get("status").asString()).isEqualTo("PENDING");
            }
            stopped.get();
        } finally {
            instance.close();
        }
    }

    private static double waiting(Instance instance) {
        return instance.get(Api.ADMIN_TOKEN, "/actuator/metrics/countersign.requests.waiting")
                .json()
                .get("measurements")
                .get(0)
                .get("value")
                .asDouble();
    }

    private static String databaseUrl(String database) {
        String name = "cs_" + UUID.randomUUID().toString().replace("-", "");
        return database.equals("h2")
                ? "jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
                : PostgresDatabases.createDatabase(name);
    }
}
