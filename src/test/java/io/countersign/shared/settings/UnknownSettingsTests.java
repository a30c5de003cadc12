package io.countersign.shared.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A misspelt {@code countersign.*} setting binds nothing: the service says so at start, with the
 * closest setting it knows, rather than run silently with the default.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownSettingsTests {

    @Test
    void aMisspeltSettingFromAnySourceIsNamedWithTheClosestKnownOne(CapturedOutput output) {
        StandardEnvironment environment = environment(
                Map.of("countersign.audit.seal-intervall", "PT1S", "countersign.audit.checkpoint-interval", "PT1M"),
                Map.of(
                        "COUNTERSIGN_CHECK_LISTENER_PROT",
                        "9000",
                        "COUNTERSIGN_LOGGING_ACCESS_LOG",
                        "true",
                        "COUNTERSIGN_DB_URL",
                        "jdbc:postgresql://db/countersign"));

        new UnknownSettingsWarning(environment).warn();

        List<String> warnings =
                output.getOut().lines().filter(line -> line.contains(" WARN ")).toList();
        assertThat(warnings).hasSize(2);
        assertThat(warnings)
                .anySatisfy(line -> assertThat(line)
                        .contains("countersign.audit.seal-intervall", "countersign.audit.seal-interval"))
                .anySatisfy(line -> assertThat(line)
                        .contains("COUNTERSIGN_CHECK_LISTENER_PROT", "COUNTERSIGN_CHECK_LISTENER_PORT"));
        assertThat(output.getOut()).doesNotContain("PT1S", "9000");
    }

    @Test
    void knownSettingsPlaceholderVariablesAndOtherPropertiesWarnOfNothing(CapturedOutput output) {
        StandardEnvironment environment = environment(
                Map.of("countersign.oidc.scopes[0]", "openid", "spring.main.banner-mode", "off"),
                Map.of("COUNTERSIGN_DB_URL", "x", "COUNTERSIGN_PORT", "8080", "COUNTERSIGN_OIDC_SCOPES_0", "openid"));

        new UnknownSettingsWarning(environment).warn();

        assertThat(output.getOut()).doesNotContain(" WARN ");
    }

    @Test
    void aNameFarFromEveryKnownOneIsNamedAlone(CapturedOutput output) {
        new UnknownSettingsWarning(environment(Map.of("countersign.zzzz", "1"), Map.of())).warn();

        assertThat(output.getOut()).contains("countersign.zzzz").doesNotContain("did you mean");
    }

    private static StandardEnvironment environment(Map<String, Object> properties, Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new MapPropertySource("commandLineArgs", properties));
        environment
                .getPropertySources()
                .addLast(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        // the service's own application.yml, whose placeholders name the variables it reads
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "application.yml",
                        Map.of(
                                "spring.datasource.url", "${COUNTERSIGN_DB_URL:jdbc:h2:mem:x}",
                                "server.port", "${COUNTERSIGN_PORT:8080}")));
        return environment;
    }
}
