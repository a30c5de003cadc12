package io.countersign.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.CountersignApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code deploy/cds/archive.sh} on the packaged jar (run by failsafe, after the jar exists) and
 * starts the service from what it made, as its comment tells operators to.
 */
class ClassDataArchiveTests {

    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    static Path directory;

    private static Path jar;

    @BeforeAll
    static void makeTheArchive() throws Exception {
        String packaged = System.getProperty("countersign.jar");
        Assumptions.assumeTrue(packaged != null, "no jar given: run ./mvnw -B verify");
        jar = Path.of(packaged);
        Path log = directory.resolve("archive.log");
        ProcessBuilder script = new ProcessBuilder(
                        "bash",
                        "deploy/cds/archive.sh",
                        jar.toString(),
                        directory.resolve("app").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process archive;
        // as on a host where Countersign already serves, with its settings in the environment
        try (ServerSocket serving = new ServerSocket(0);
                ServerSocket checks = new ServerSocket(0)) {
            script.environment().put("COUNTERSIGN_PORT", Integer.toString(serving.getLocalPort()));
            script.environment().put("SERVER_PORT", Integer.toString(serving.getLocalPort()));
            script.environment().put("COUNTERSIGN_CHECK_PORT", Integer.toString(checks.getLocalPort()));
            script.environment().put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/production");
            script.environment().put("SPRING_FLYWAY_URL", "jdbc:postgresql://127.0.0.1:1/production");
            archive = script.start();
            assertThat(archive.waitFor(3, TimeUnit.MINUTES))
                    .as("archive.sh finished")
                    .isTrue();
        }
        assertThat(archive.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("-XX:SharedArchiveFile=" + directory.resolve("app/countersign.jsa"));
    }

    @Test
    void theServiceStartsFromTheArchiveAndBecomesReady() throws Exception {
        Path work = Files.createDirectories(directory.resolve("work"));
        Path log = directory.resolve("service.log");
        int port = freePort();
        // -Xshare:on refuses to start at all when the archive does not fit this java and jar
        ProcessBuilder start = new ProcessBuilder(
                        JAVA,
                        "-Xshare:on",
                        "-XX:SharedArchiveFile=" + directory.resolve("app/countersign.jsa"),
                        "-Xlog:class+load=info",
                        "-jar",
                        directory.resolve("app/countersign.jar").toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        start.environment().keySet().removeIf(name -> name.startsWith("COUNTERSIGN_"));
        start.environment().put("COUNTERSIGN_PORT", Integer.toString(port));
        start.environment()
                .put(
                        "COUNTERSIGN_DB_URL",
                        "jdbc:h2:mem:archive;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        start.environment()
                .put("COUNTERSIGN_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        Process service = start.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest readiness = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .build();
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .failFast("the service stopped", () -> !service.isAlive())
                    .until(() -> http.send(readiness, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200);
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines)
                .anyMatch(
                        line -> line.contains(CountersignApplication.class.getName() + " source: shared objects file"));
        long fromArchive = lines.stream()
                .filter(line -> line.contains("source: shared objects file"))
                .count();
        long fromJars = lines.stream()
                .filter(line -> line.contains("[class,load]") && line.contains("source: file:"))
                .count();
        assertThat(fromArchive).as("classes mapped from the archives").isGreaterThan(10 * fromJars);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
