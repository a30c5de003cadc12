package io.countersign.deploy;

import static io.countersign.deploy.DeploymentFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Nothing can run the manifests here, so this checks what they promise against the image and the code. */
class KubernetesManifestTests {

    private static final Path DIR = Path.of("deploy/k8s");
    private final Map<String, Object> deployment = DeploymentFiles.yaml(DIR.resolve("deployment.yaml"));
    private final Map<String, Object> container = at(deployment, "spec.template.spec.containers.0");

    @Test
    void theContainerRunsTheBuiltImageAsItsUnprivilegedUserOnAReadOnlyRoot() {
        assertThat(container.get("image")).isEqualTo(DeploymentFiles.imageName());
        assertThat((Object) at(deployment, "spec.template.spec.securityContext.runAsUser"))
                .isEqualTo(65532);
        assertThat((Object) at(deployment, "spec.template.spec.securityContext.fsGroup"))
                .isEqualTo(65532);
        assertThat((Object) at(deployment, "spec.template.spec.securityContext.runAsNonRoot"))
                .isEqualTo(true);
        assertThat((Object) at(container, "securityContext.readOnlyRootFilesystem"))
                .isEqualTo(true);
        assertThat((Object) at(container, "securityContext.allowPrivilegeEscalation"))
                .isEqualTo(false);
        assertThat((Object) at(container, "volumeMounts.0.mountPath")).isEqualTo("/app/data");
    }

    @Test
    void probesUseTheActuatorGroupsOnTheServicePort() {
        assertThat((Object) at(container, "ports.0.containerPort")).isEqualTo(8080);
        assertThat((Object) at(container, "ports.0.name")).isEqualTo("http");
        assertThat((Object) at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        assertThat((Object) at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat((Object) at(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat((Object) at(container, probe + ".httpGet.port"))
                    .as(probe)
                    .isEqualTo("http");
        }
        Map<String, Object> application = DeploymentFiles.yaml(Path.of("src/main/resources/application.yml"));
        assertThat((Object) at(application, "management.endpoint.health.probes.enabled"))
                .isEqualTo(true);
    }

    @Test
    void theEnforcementPointsPortIsTheCheckListeners() {
        List<Map<String, Object>> env = at(container, "env");
        String checkPort = (String) env.stream()
                .filter(e -> "COUNTERSIGN_CHECK_PORT".equals(e.get("name")))
                .findFirst()
                .orElseThrow()
                .get("value");
        assertThat((Object) at(container, "ports.1.name")).isEqualTo("check");
        assertThat((Object) at(container, "ports.1.containerPort")).isEqualTo(Integer.parseInt(checkPort));
        assertThat(Integer.parseInt(checkPort)).isNotEqualTo(at(container, "ports.0.containerPort"));
    }

    @Test
    void theServicesAddressesAreNotGivenToThePodsAsVariablesThatTheServiceReads() {
        // Kubernetes would set COUNTERSIGN_PORT=tcp://10.…:8080 for the Service named countersign, which
        // the service reads as its port, and COUNTERSIGN_CHECK_PORT likewise for countersign-check
        assertThat((Object) at(deployment, "spec.template.spec.enableServiceLinks"))
                .isEqualTo(false);
    }

    @Test
    void linksStartWithAPublicAddressToReplaceNotWithTheDefaultLocalOne() {
        List<Map<String, Object>> env = at(container, "env");
        String baseUrl = (String) env.stream()
                .filter(e -> "COUNTERSIGN_BASE_URL".equals(e.get("name")))
                .findFirst()
                .orElseThrow()
                .get("value");
        assertThat(baseUrl).startsWith("https://").doesNotContain("localhost");
    }

    @Test
    void secretsComeFromASecretAndThePodOutlivesItsGracePeriod() {
        List<Map<String, Object>> env = at(container, "env");
        for (String name : List.of(
                "COUNTERSIGN_DB_URL", "COUNTERSIGN_DB_USER", "COUNTERSIGN_DB_PASSWORD", "COUNTERSIGN_ENCRYPTION_KEY")) {
            Map<String, Object> variable = env.stream()
                    .filter(e -> name.equals(e.get("name")))
                    .findFirst()
                    .orElseThrow();
            assertThat((Object) at(variable, "valueFrom.secretKeyRef.name"))
                    .as(name)
                    .isEqualTo("countersign");
        }
        String grace = (String) env.stream()
                .filter(e -> "COUNTERSIGN_SHUTDOWN_GRACE_PERIOD".equals(e.get("name")))
                .findFirst()
                .orElseThrow()
                .get("value");
        int graceSeconds = Integer.parseInt(grace.replace("s", ""));
        int preStop = at(container, "lifecycle.preStop.sleep.seconds");
        int termination = at(deployment, "spec.template.spec.terminationGracePeriodSeconds");
        assertThat(termination).isGreaterThan(graceSeconds + preStop + DeploymentFiles.SECONDS_AFTER_GRACE_PERIOD);
    }

    /** The heap the benchmarks ran with (README, "Memory, start-up and JVM options"). */
    private static final int MEASURED_HEAP_MIB = 384;

    /** The highest resident memory the benchmarks saw with that heap, under the check load. */
    private static final int MEASURED_RESIDENT_PEAK_MIB = 485;

    @Test
    void thePodIsGivenTheMemoryItsHeapIsMadeFromAndTheSchedulerReservesIt() {
        String limit = at(container, "resources.limits.memory");
        // a pod that uses more than it asked for is the first to go when its node runs short
        assertThat((Object) at(container, "resources.requests.memory")).isEqualTo(limit);
        assertThat(limit).matches("\\d+Mi");
        int limitMib = Integer.parseInt(limit.replace("Mi", ""));
        Matcher share =
                Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(DeploymentFiles.read(Path.of("pom.xml")));
        assertThat(share.find()).isTrue();
        // G1 grows the heap to its limit under load, so the heap is what the measurements must have had
        assertThat(limitMib * Integer.parseInt(share.group(1)) / 100).isEqualTo(MEASURED_HEAP_MIB);
        assertThat(limitMib).isGreaterThan(MEASURED_RESIDENT_PEAK_MIB);
    }

    @Test
    void thePeoplesServiceKeepsEachClientOnOnePodWhileChecksAreSpread() {
        // a page's session lives in the memory of the pod that signed the browser in
        Map<String, Object> service = DeploymentFiles.yaml(DIR.resolve("service.yaml"));
        assertThat((Object) at(service, "spec.sessionAffinity")).isEqualTo("ClientIP");
        Map<String, Object> checkService = DeploymentFiles.yaml(DIR.resolve("check-service.yaml"));
        assertThat((Object) at(checkService, "spec.sessionAffinity")).isNull();
    }

    @Test
    void theServiceAndTheDisruptionBudgetSelectThePodsAndKustomizeListsEveryManifest() throws IOException {
        Map<String, Object> labels = at(deployment, "spec.template.metadata.labels");
        Map<String, Object> service = DeploymentFiles.yaml(DIR.resolve("service.yaml"));
        Map<String, Object> budget = DeploymentFiles.yaml(DIR.resolve("poddisruptionbudget.yaml"));
        assertThat((Map<String, Object>) at(service, "spec.selector")).isEqualTo(labels);
        assertThat((Object) at(service, "spec.ports.0.targetPort")).isEqualTo("http");
        Map<String, Object> checkService = DeploymentFiles.yaml(DIR.resolve("check-service.yaml"));
        assertThat((Map<String, Object>) at(checkService, "spec.selector")).isEqualTo(labels);
        assertThat((Object) at(checkService, "spec.ports.0.targetPort")).isEqualTo("check");
        assertThat((Map<String, Object>) at(budget, "spec.selector.matchLabels"))
                .isEqualTo(labels);
        assertThat((Map<String, Object>) at(deployment, "spec.selector.matchLabels"))
                .isEqualTo(labels);

        List<String> resources = at(DeploymentFiles.yaml(DIR.resolve("kustomization.yaml")), "resources");
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(resources)
                    .containsExactlyInAnyOrderElementsOf(
                            files.map(f -> f.getFileName().toString())
                                    .filter(f -> !f.equals("kustomization.yaml"))
                                    .toList());
        }
    }
}
