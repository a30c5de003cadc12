package io.countersign.deploy;

import static io.countersign.deploy.DeploymentFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.ReadinessProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Nothing can run compose.yaml here, so this checks what it promises against the image and the code. */
class ComposeFileTests {

    private static final List<String> INSTANCES = List.of("countersign", "countersign-a", "countersign-b");
    private final Map<String, Object> compose = DeploymentFiles.yaml(Path.of("compose.yaml"));

    @Test
    void everyInstanceRunsTheBuiltImageReadOnlyWithOnlyItsDataVolumeWritable() {
        for (String name : INSTANCES) {
            Map<String, Object> service = at(compose, "services." + name);
            assertThat(service).as(name).isNotNull();
            assertThat((String) service.get("image")).endsWith(":-" + DeploymentFiles.imageName() + "}");
            assertThat(service.get("read_only")).as(name).isEqualTo(true);
            assertThat((List<String>) service.get("volumes"))
                    .singleElement()
                    .asString()
                    .endsWith(":/app/data");
            assertThat((List<String>) service.get("cap_drop")).containsExactly("ALL");
        }
    }

    @Test
    void everyInstanceUsesTheDatabaseServiceAndRefusesToStartWithoutAnEncryptionKey() {
        for (String name : INSTANCES) {
            Map<String, String> env = at(compose, "services." + name + ".environment");
            assertThat(env.get("COUNTERSIGN_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/countersign");
            assertThat(env.get("COUNTERSIGN_DB_USER"))
                    .isEqualTo(at(compose, "services.postgres.environment.POSTGRES_USER"));
            assertThat(env.get("COUNTERSIGN_ENCRYPTION_KEY")).startsWith("${COUNTERSIGN_ENCRYPTION_KEY:?");
            assertThat(env.get("COUNTERSIGN_BASE_URL")).isEqualTo("${COUNTERSIGN_BASE_URL:-http://localhost:8080}");
            assertThat((String) at(compose, "services." + name + ".depends_on.postgres.condition"))
                    .isEqualTo("service_healthy");
        }
        assertThat((List<String>) at(compose, "services.postgres.healthcheck.test"))
                .contains("CMD-SHELL");
    }

    @Test
    void theHealthCheckRunsTheReadinessProbeShippedInTheImage() {
        List<String> test = at(compose, "services.countersign.healthcheck.test");
        assertThat(test).startsWith("CMD", "/opt/java/bin/java").contains("/app/classes");
        assertThat(test.get(test.size() - 1)).isEqualTo(ReadinessProbe.class.getName());
    }

    @Test
    void instancesGetLongerToStopThanTheirGracePeriod() {
        for (String name : INSTANCES) {
            Duration grace =
                    seconds(at(compose, "services." + name + ".environment.COUNTERSIGN_SHUTDOWN_GRACE_PERIOD"));
            Duration stop = seconds(at(compose, "services." + name + ".stop_grace_period"));
            assertThat(stop).as(name).isGreaterThan(grace.plusSeconds(DeploymentFiles.SECONDS_AFTER_GRACE_PERIOD));
        }
    }

    @Test
    void theSingleInstancePublishesTheServicePortAndTheClusterProfileRunsTwoBehindTheProxy() {
        assertThat((List<String>) at(compose, "services.countersign.ports")).containsExactly("8080:8080");
        assertThat((Object) at(compose, "services.countersign.profiles")).isNull();
        for (String name : List.of("countersign-a", "countersign-b", "proxy")) {
            assertThat((List<String>) at(compose, "services." + name + ".profiles"))
                    .containsExactly("cluster");
        }
        assertThat((List<String>) at(compose, "services.proxy.volumes"))
                .singleElement()
                .asString()
                .startsWith("./deploy/compose/nginx.conf:");
    }

    @Test
    void theProxyBalancesBothInstancesAndOutwaitsTheLongestLongPoll() {
        String nginx = DeploymentFiles.read(Path.of("deploy/compose/nginx.conf"));
        assertThat(nginx).contains("server countersign-a:8080", "server countersign-b:8080");
        assertThat(nginx).contains("proxy_set_header X-Request-Id $request_id;");
        Matcher timeout = Pattern.compile("proxy_read_timeout (\\d+)s;").matcher(nginx);
        assertThat(timeout.find()).isTrue();
        // Prefer: wait=N is capped at 60 seconds
        assertThat(Integer.parseInt(timeout.group(1))).isGreaterThan(60);
        assertThat(nginx).doesNotContain("non_idempotent");
    }

    @Test
    void theProxySetsEveryForwardedHeaderItselfRatherThanPassingOnTheClients() {
        String nginx = DeploymentFiles.read(Path.of("deploy/compose/nginx.conf"));
        assertThat(nginx)
                .contains(
                        "proxy_set_header X-Forwarded-For $remote_addr;",
                        "proxy_set_header X-Forwarded-Proto $scheme;",
                        "proxy_set_header X-Forwarded-Host $host;",
                        "proxy_set_header X-Forwarded-Port $server_port;")
                .doesNotContain("$proxy_add_x_forwarded_for", "$http_x_forwarded");
    }

    @Test
    void theProxyKeepsEachBrowserOnTheInstanceHoldingItsSessionAndSpreadsTheApi() {
        String nginx = DeploymentFiles.read(Path.of("deploy/compose/nginx.conf"));
        Map<String, String> upstreams = blocks("upstream", nginx);
        Map<String, String> locations = blocks("location", nginx);
        // a page's session lives in the memory of the instance that signed the browser in
        String pages = upstreams.get(proxiedTo(locations.get("/")));
        assertThat(pages).as("the pages' upstream").isNotNull().contains("ip_hash;");
        for (String spread : List.of("/api/", "/actuator/")) {
            String api = upstreams.get(proxiedTo(locations.get(spread)));
            assertThat(api).as(spread).isNotNull().doesNotContain("hash");
            assertThat(servers(api)).as(spread).isEqualTo(servers(pages));
        }
    }

    @Test
    void theProxyKeepsItsConnectionsToTheInstancesOpenAndClosesThemBeforeTheyDo() {
        String nginx = DeploymentFiles.read(Path.of("deploy/compose/nginx.conf"));
        // nginx speaks HTTP/1.0 to upstreams and closes each connection unless told otherwise
        assertThat(nginx).contains("proxy_http_version 1.1;", "proxy_set_header Connection \"\";");
        for (var upstream : blocks("upstream", nginx).entrySet()) {
            assertThat(upstream.getValue()).as(upstream.getKey()).containsPattern("keepalive \\d+;");
            Matcher idle = Pattern.compile("keepalive_timeout (\\d+)s;").matcher(upstream.getValue());
            assertThat(idle.find()).as(upstream.getKey()).isTrue();
            // reusing a connection the instance has just closed fails the call (a POST is not retried):
            // Tomcat closes an idle one after its keep-alive timeout (60 s unless set; 20 s is a usual lower one)
            assertThat(Integer.parseInt(idle.group(1))).as(upstream.getKey()).isLessThan(20);
        }
    }

    /** The blocks {@code kind name { ... }} of an nginx file without nested braces, by name. */
    private static Map<String, String> blocks(String kind, String nginx) {
        Map<String, String> blocks = new java.util.HashMap<>();
        Matcher block = Pattern.compile(kind + " (\\S+) \\{([^{}]*)}").matcher(nginx);
        while (block.find()) {
            blocks.put(block.group(1), block.group(2));
        }
        return blocks;
    }

    private static String proxiedTo(String location) {
        assertThat(location).isNotNull();
        Matcher pass = Pattern.compile("proxy_pass http://([\\w-]+);").matcher(location);
        assertThat(pass.find()).as(location).isTrue();
        return pass.group(1);
    }

    private static List<String> servers(String upstream) {
        return Pattern.compile("server \\S+")
                .matcher(upstream)
                .results()
                .map(r -> r.group())
                .toList();
    }

    private static Duration seconds(String value) {
        assertThat(value).matches("\\d+s");
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }
}
