package io.countersign.shared.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.CountersignApplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A misspelt {@code countersign.*} setting binds nothing: the service says so at start, with the
 * closest setting it knows, rather than run silently with the default; also when the start is refused
 * for another setting, as the misspelt one may be the reason.
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

    @Test
    void aStartRefusedForAnotherSettingStillNamesTheMisspeltOneOnce(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CountersignApplication.class)
                        .profiles("test")
                        .run(
                                "--countersign.audit.seal-intervall=PT1S",
                                "--countersign.encryption-key=not base64",
                                "--spring.datasource.url=jdbc:h2:mem:cs-" + UUID.randomUUID() + ";MODE=PostgreSQL",
                                "--server.port=0")
                        .close())
                .isInstanceOf(RuntimeException.class);

        assertThat(output.getOut()).contains("APPLICATION FAILED TO START");
        assertThat(output.getOut().lines().filter(line -> line.contains("countersign.audit.seal-intervall")))
                .singleElement()
                .satisfies(
                        line -> assertThat(line).contains(" WARN ", "did you mean countersign.audit.seal-interval?"));
    }

    @Test
    void aStartThatFailsAfterItStartedNamesTheMisspeltSettingOnlyOnce(CapturedOutput output) {
        SpringApplication application = new SpringApplication(CountersignApplication.class);
        StandardEnvironment environment = environment(Map.of("countersign.zzzz", "1"), Map.of());
        UnknownSettingsListener listener = new UnknownSettingsListener();

        listener.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(), application, new String[0], environment));
        listener.onApplicationEvent(new ApplicationStartedEvent(application, new String[0], null, Duration.ZERO));
        // a runner that fails after the start fails the start too
        listener.onApplicationEvent(
                new ApplicationFailedEvent(application, new String[0], null, new IllegalStateException("runner")));

        assertThat(output.getOut().lines().filter(line -> line.contains("countersign.zzzz")))
                .hasSize(1);
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
