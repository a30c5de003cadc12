package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.testing.PostgresDatabases;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    /**
     * As operators run it: its own JVM, the embedded database's default URL, and SIGTERM, so that H2's
     * own shutdown hook (which closes the database when the JVM begins to exit) races the answers.
     */
    @Test
    void onTheEmbeddedDatabaseASigtermAnswersTheWaitersBeforeTheDatabaseCloses(@TempDir Path directory)
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Instance instance = Instance.startProcess(directory, port);
        try {
            String requester = instance.user("dev", "USER");
            instance.user("lisa", "USER");
            String resource = instance.resourceReviewedBy("lisa", "PT1H");
            String id = instance.post(requester, "/api/v1/requests", Map.of("resource", resource, "account", "admin"))
                    .expect(201)
                    .json()
                    .get("id")
                    .asString();
            CompletableFuture<Instance.Answer> waiter =
                    instance.send(requester, "GET", "/api/v1/requests/" + id + "?wait=60", null);
            await().atMost(Duration.ofSeconds(20)).until(() -> waiting(instance) == 1);

            instance.close();

            var answer = waiter.get(30, TimeUnit.SECONDS);
            assertThat(answer.status())
                    .as("the waiter's answer: %s%n%s", answer.json(), instance.processLog(directory))
                    .isEqualTo(200);
            assertThat(answer.json().get("status").asString()).isEqualTo("PENDING");
            instance.awaitExit(Duration.ofSeconds(60));
            assertThat(instance.processLog(directory)).doesNotContain("Database is already closed");
            // closed with the context, not left for the JVM's exit: what was committed is there
            try (Connection connection = DriverManager.getConnection(
                            "jdbc:h2:file:" + directory.resolve("data/countersign")
                                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                            "sa",
                            "");
                    ResultSet status = connection
                            .createStatement()
                            .executeQuery("select status from access_requests where id = '" + id + "'")) {
                assertThat(status.next()).isTrue();
                assertThat(status.getString(1)).isEqualTo("PENDING");
            }
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
