package io.countersign.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.CountersignApplication;
import io.countersign.ReadinessProbe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the image tarball that {@code ./mvnw -Pimage verify} builds (run by that profile only): its
 * configuration and every layer's files, and, where a container runtime answers, that it starts.
 */
class ContainerImageTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path tarball;
    private static JsonNode config;
    private static final Map<String, TarEntries.Entry> files = new LinkedHashMap<>();
    private static List<String> layerNames;
    private static Map<String, TarEntries.Entry> outer;

    @BeforeAll
    static void readTheTarball() throws IOException {
        String path = System.getProperty("built.image.tar");
        Assumptions.assumeTrue(path != null, "no image tarball given: run ./mvnw -B -Pimage verify");
        tarball = Path.of(path);
        try (InputStream in = Files.newInputStream(tarball)) {
            outer = TarEntries.read(in, name -> true);
        }
        JsonNode manifest = JSON.readTree(outer.get("manifest.json").content());
        assertThat(manifest.size()).isEqualTo(1);
        assertThat(manifest.get(0).get("RepoTags").get(0).asString()).isEqualTo(DeploymentFiles.imageName());
        config = JSON.readTree(
                outer.get(manifest.get(0).get("Config").asString()).content());
        layerNames = manifest.get(0)
                .get("Layers")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        for (String layer : layerNames) {
            try (InputStream in = new GZIPInputStream(
                    new ByteArrayInputStream(outer.get(layer).content()))) {
                files.putAll(TarEntries.read(
                        in, name -> name.endsWith("jib-classpath-file") || name.endsWith("etc/passwd")));
            }
        }
    }

    @Test
    void everyLayerMatchesTheDigestTheConfigurationRecords() throws IOException {
        List<String> diffIds = config.get("rootfs")
                .get("diff_ids")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        assertThat(diffIds).hasSameSizeAs(layerNames).hasSizeGreaterThanOrEqualTo(4);
        for (int i = 0; i < layerNames.size(); i++) {
            try (InputStream in = new GZIPInputStream(
                    new ByteArrayInputStream(outer.get(layerNames.get(i)).content()))) {
                assertThat("sha256:" + sha256(TarEntries.readAll(in))).isEqualTo(diffIds.get(i));
            }
        }
    }

    @Test
    void theApplicationRunsAsAnUnprivilegedUserFromItsLayersOnTheImagesOwnJava() {
        JsonNode container = config.get("config");
        assertThat(container.get("User").asString()).isEqualTo("65532:65532");
        assertThat(container.get("WorkingDir").asString()).isEqualTo("/app");
        List<String> entrypoint = container
                .get("Entrypoint")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        assertThat(entrypoint).startsWith("/opt/java/bin/java").endsWith(CountersignApplication.class.getName());
        assertThat(entrypoint).containsSubsequence("-cp", "@/app/jib-classpath-file");
        assertThat(entrypoint).contains("-Djava.io.tmpdir=/app/data");
        assertThat(files)
                .containsKeys("opt/java/bin/java", "opt/java/lib/server/libjvm.so", "opt/java/lib/security/cacerts");
        String classPath = new String(files.get("app/jib-classpath-file").content(), StandardCharsets.UTF_8);
        for (String element : classPath.trim().split(":")) {
            String file = element.substring(1);
            if (!file.endsWith("/classes") && !file.endsWith("/resources")) {
                assertThat(files).as("class path element %s", file).containsKey(file);
            }
        }
        assertThat(files)
                .containsKeys(
                        "app/classes/io/countersign/CountersignApplication.class",
                        "app/resources/application.yml",
                        "etc/passwd");
        assertThat(new String(files.get("etc/passwd").content(), StandardCharsets.UTF_8))
                .contains("countersign:x:65532:65532:");
    }

    @Test
    void theImageCarriesTheSharedObjectsJavaLoadsButNoShell() {
        assertThat(files.keySet())
                .anyMatch(name -> name.endsWith("/libc.so.6"))
                .anyMatch(name -> name.endsWith("/libz.so.1"))
                .anyMatch(name -> name.endsWith("/libstdc++.so.6"))
                .anyMatch(name -> name.matches("lib(64|/x86_64-linux-gnu)/ld-linux-x86-64\\.so\\.2"));
        assertThat(files).doesNotContainKeys("bin/sh", "usr/bin/sh", "bin/bash");
    }

    @Test
    void onlyTheDataDirectoryBelongsToTheUserAndNothingIsSetuidOrWorldWritable() {
        TarEntries.Entry data = files.get("app/data");
        assertThat(data).isNotNull();
        assertThat(data.isDirectory()).isTrue();
        assertThat(data.uid()).isEqualTo(65532);
        assertThat(data.mode() & 0777).isEqualTo(0700);
        assertThat(files.values()).filteredOn(entry -> entry != data).allSatisfy(entry -> {
            assertThat(entry.uid()).as(entry.name()).isZero();
            assertThat(entry.mode() & 06000).as(entry.name()).isZero();
            assertThat(entry.mode() & 0002).as(entry.name()).isZero();
        });
        assertThat(config.get("config").get("Volumes").has("/app/data")).isTrue();
    }

    @Test
    void theServicePortIsExposedAndTheHealthCheckRunsTheReadinessProbe() {
        JsonNode container = config.get("config");
        assertThat(container.get("ExposedPorts").has("8080/tcp")).isTrue();
        List<String> test = container
                .get("Healthcheck")
                .get("Test")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        assertThat(test).startsWith("CMD", "/opt/java/bin/java").endsWith(ReadinessProbe.class.getName());
        assertThat(files).containsKey("app/classes/io/countersign/ReadinessProbe.class");
        assertThat(container.get("Healthcheck").get("Interval").asLong()).isPositive();
    }

    @Test
    void theImageStartsReadOnlyAndBecomesHealthyWhereAContainerRuntimeAnswers() throws Exception {
        Assumptions.assumeTrue(
                run(Duration.ofSeconds(20), "docker", "info") == 0,
                "skipped: no container runtime answers `docker info` on this machine (no daemon); "
                        + "the image was checked from its tarball only");
        assertThat(run(Duration.ofMinutes(2), "docker", "load", "-i", tarball.toString()))
                .isZero();
        String name = "countersign-image-test-" + ProcessHandle.current().pid();
        try {
            assertThat(run(
                            Duration.ofMinutes(1),
                            "docker",
                            "run",
                            "-d",
                            "--name",
                            name,
                            "--read-only",
                            "--tmpfs",
                            "/app/data:uid=65532,gid=65532",
                            "--health-interval",
                            "2s",
                            DeploymentFiles.imageName()))
                    .isZero();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        Process inspect = new ProcessBuilder(
                                        "docker", "inspect", "--format", "{{.State.Health.Status}}", name)
                                .start();
                        String status =
                                new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                        inspect.waitFor();
                        return status.equals("healthy");
                    });
        } finally {
            run(Duration.ofMinutes(1), "docker", "rm", "-f", name);
        }
    }

    private static int run(Duration timeout, String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return -1;
        }
        process.getInputStream().transferTo(System.out);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
