package io.countersign.deploy;

import static io.countersign.deploy.DeploymentFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * A variable the deployment files set under a name the service does not read is ignored, and the
 * service runs with the default without a word (a mistyped COUNTERSIGN_CHECK_PORT leaves the
 * enforcement points' Service pointing at a port nobody listens on): every variable they set must be
 * one that application.yml reads, or the relaxed-binding spelling of a property of the service or of
 * Spring Boot.
 */
class DeploymentVariablesTests {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    @Test
    void everyVariableTheComposeFileSetsIsOneTheServiceReads() {
        Map<String, Map<String, Object>> services = at(DeploymentFiles.yaml(Path.of("compose.yaml")), "services");
        Set<String> names = new TreeSet<>();
        services.forEach((name, service) -> {
            if (!name.equals("postgres") && service.get("environment") instanceof Map<?, ?> environment) {
                environment.keySet().forEach(variable -> names.add((String) variable));
            }
        });
        assertThat(names).contains("COUNTERSIGN_DB_URL").allSatisfy(DeploymentVariablesTests::isKnown);
    }

    @Test
    void everyVariableTheKubernetesPodsGetIsOneTheServiceReads() {
        List<Map<String, Object>> env =
                at(DeploymentFiles.yaml(Path.of("deploy/k8s/deployment.yaml")), "spec.template.spec.containers.0.env");
        assertThat(env.stream().map(variable -> (String) variable.get("name")))
                .contains("COUNTERSIGN_CHECK_PORT")
                .allSatisfy(DeploymentVariablesTests::isKnown);
    }

    @Test
    void everyVariableTheImageSetsIsOneTheServiceReads() {
        String pom = DeploymentFiles.read(Path.of("pom.xml"));
        Matcher environment = Pattern.compile("(?s)<container>.*?<environment>(.*?)</environment>")
                .matcher(pom);
        assertThat(environment.find()).isTrue();
        List<String> names = Pattern.compile("<([A-Z][A-Z0-9_]*)>")
                .matcher(environment.group(1))
                .results()
                .map(variable -> variable.group(1))
                .toList();
        assertThat(names).isNotEmpty().allSatisfy(DeploymentVariablesTests::isKnown);
    }

    @Test
    void aMisspeltVariableIsNotTakenForOne() {
        assertThat(known("COUNTERSIGN_CHECK_PROT")).isFalse();
        assertThat(known("SERVER_TOMCAT_BASEDIRECTORY")).isFalse();
        assertThat(known("LOGGING_STRUCTURED_FORMAT_CONSOLE")).isTrue();
    }

    private static void isKnown(String variable) {
        assertThat(known(variable))
                .as("%s is read by application.yml or binds a known property", variable)
                .isTrue();
    }

    private static boolean known(String variable) {
        if (placeholders().contains(variable)) {
            return true;
        }
        String uniform = uniform(variable);
        return properties().stream().anyMatch(property -> uniform(property).equals(uniform));
    }

    private static Set<String> placeholders() {
        Set<String> named = new TreeSet<>();
        PLACEHOLDER
                .matcher(DeploymentFiles.read(Path.of("src/main/resources/application.yml")))
                .results()
                .forEach(placeholder -> named.add(placeholder.group(1)));
        return named;
    }

    /** Every property the configuration metadata on the class path names: the service's and Spring Boot's. */
    private static Set<String> properties() {
        Set<String> names = new TreeSet<>();
        JsonMapper json = JsonMapper.builder().build();
        try {
            for (Resource metadata : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
                try (InputStream in = metadata.getInputStream()) {
                    json.readTree(in)
                            .path("properties")
                            .forEach(p -> names.add(p.path("name").asString("")));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    /** A name as relaxed binding compares it: letters and digits, in lower case. */
    private static String uniform(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
