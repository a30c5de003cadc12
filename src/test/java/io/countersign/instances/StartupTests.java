package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.countersign.CountersignApplication;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.testing.PostgresDatabases;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How instances start: on PostgreSQL with a shared key or not at all, together, and ready only when
 * usable; with a setting that cannot work, not at all, saying why.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupTests {

    @TempDir
    Path dir;

    @Test
    void onPostgresqlAnInstanceWithoutAnEncryptionKeyRefusesToStartAndSaysWhatToSet(CapturedOutput output) {
        String url = freshDatabase();

        assertThatThrownBy(() -> start(url, "--server.port=0").close())
                .rootCause()
                .hasMessageContaining("COUNTERSIGN_ENCRYPTION_KEY")
                .hasMessageContaining("countersign.encryption-key-file");
        assertThat(output.getOut())
                .contains("APPLICATION FAILED TO START")
                .contains("Configuration property 'countersign.encryption-key' is not set.")
                .contains("Set COUNTERSIGN_ENCRYPTION_KEY (countersign.encryption-key) to base64 of 32 random bytes");
    }

    @Test
    void onPostgresqlAKeyFileTheOperatorNamesIsEnough() throws Exception {
        Path key = dir.resolve("shared.key");
        Files.writeString(key, Instance.ENCRYPTION_KEY + "\n");

        try (ConfigurableApplicationContext context =
                start(freshDatabase(), "--server.port=0", "--countersign.encryption-key-file=" + key)) {
            assertThat(context.isRunning()).isTrue();
        }
        Path missing = dir.resolve("missing.key");
        assertThatThrownBy(
                        () -> start(freshDatabase(), "--server.port=0", "--countersign.encryption-key-file=" + missing)
                                .close())
                .rootCause()
                .hasMessageContaining("does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void onTheEmbeddedDatabaseAKeyFileTheOperatorNamesMustExistAndIsNeverCreated(CapturedOutput output) {
        Path missing = dir.resolve("mistyped/encryption.key");

        assertThatThrownBy(() -> start(
                                embeddedDatabase(),
                                "--server.port=0",
                                "--countersign.encryption-key=",
                                "--countersign.encryption-key-file=" + missing)
                        .close())
                .rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("does not exist");
        assertThat(output.getOut())
                .contains("APPLICATION FAILED TO START")
                .contains("countersign.encryption-key-file")
                .contains("that COUNTERSIGN_ENCRYPTION_KEY_FILE names does not exist");
        assertThat(missing.getParent()).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65_536})
    void aPortNoServerCanListenOnStopsTheStartWithItsReasonBeforeAnAdministratorIsMade(
            int port, CapturedOutput output) {
        assertThatThrownBy(
                        () -> start(embeddedDatabase(), "--server.port=" + port).close())
                .rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("server.port");

        assertThat(output.getOut())
                .contains("APPLICATION FAILED TO START")
                .contains("COUNTERSIGN_PORT (server.port) must be between 1 and 65535 (or 0 for any free port).")
                .doesNotContain("created the first administrator");
    }

    private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

    @org.junit.jupiter.api.AfterEach
    void restoreLogging() {
        System.clearProperty(LOGGING_SYSTEM);
    }

    @Test
    void twoInstancesStartingTogetherOnAnEmptyDatabaseBothComeUpAndCreateTheAdministratorOnce() throws Exception {
        String url = freshDatabase();
        MutableClock clock = new MutableClock();

        // two applications initialising one JVM's logging system at once race on its shared context;
        // what this test is about is the database, so they start without it
        System.setProperty(LOGGING_SYSTEM, "none");
        CompletableFuture<Instance> first = CompletableFuture.supplyAsync(() -> Instance.start("first", url, clock));
        CompletableFuture<Instance> second = CompletableFuture.supplyAsync(() -> Instance.start("second", url, clock));
        try (Instance a = first.join();
                Instance b = second.join()) {
            a.get(Api.ADMIN_TOKEN, "/api/v1/users/admin").expect(200);
            b.get(Api.ADMIN_TOKEN, "/api/v1/users/admin").expect(200);
            JdbcClient jdbc = a.bean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from users").query(Long.class).single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from api_tokens")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from audit_events where action = 'user.created'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            a.get(Api.ADMIN_TOKEN, "/api/v1/audit/verify").expect(200);
            assertThat(a.get(Api.ADMIN_TOKEN, "/api/v1/audit/verify")
                            .json()
                            .get("valid")
                            .asBoolean())
                    .isTrue();
        }
    }

    @Test
    void theServiceIsReadyOnlyOnceTheAdministratorTokenWorksAndTheTimersRun() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        AtomicReference<ConfigurableApplicationContext> context = new AtomicReference<>();
        CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture.supplyAsync(() -> start(
                freshDatabase(),
                context,
                "--server.port=" + port,
                "--countersign.encryption-key=" + Instance.ENCRYPTION_KEY));
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> status(http, base + "/actuator/health", null) == 200
                            || status(http, base + "/actuator/health/readiness", null) == 200);

            boolean timersRunning =
                    context.get().getBean(Scheduler.class).getSchedulerState().isStarted();
            int adminAnswer = status(http, base + "/api/v1/users/admin", Api.ADMIN_TOKEN);

            assertThat(timersRunning).isTrue();
            assertThat(adminAnswer).isEqualTo(200);
            assertThat(status(http, base + "/actuator/health/readiness", null)).isEqualTo(200);
            String details = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                                    .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(details).contains("\"bootstrap\"", "\"dbScheduler\"", "\"database\"");
        } finally {
            started.join().close();
        }
    }

    private static int status(HttpClient http, String url, String token) {
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String embeddedDatabase() {
        return "jdbc:h2:mem:cs-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    private static String freshDatabase() {
        return PostgresDatabases.createDatabase(
                "cs_" + UUID.randomUUID().toString().replace("-", ""));
    }

    private static ConfigurableApplicationContext start(String url, String... arguments) {
        return start(url, new AtomicReference<>(), arguments);
    }

    private static ConfigurableApplicationContext start(
            String url, AtomicReference<ConfigurableApplicationContext> context, String... arguments) {
        String[] all = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(
                                "--spring.datasource.url=" + url,
                                "--spring.datasource.username=",
                                "--spring.datasource.password=",
                                "--spring.datasource.hikari.maximum-pool-size=4",
                                "--spring.datasource.hikari.minimum-idle=0"),
                        java.util.stream.Stream.of(arguments))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CountersignApplication.class)
                .profiles("test")
                .initializers(ctx -> {
                    context.set(ctx);
                    ctx.getBeanFactory().registerSingleton("clock", new MutableClock());
                })
                .run(all);
    }
}
