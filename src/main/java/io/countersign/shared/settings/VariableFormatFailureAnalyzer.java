package io.countersign.shared.settings;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Reports a variable whose value is not even of its setting's kind ({@code COUNTERSIGN_PORT=abc}).
 * application.yml sets such properties from the variable ({@code ${COUNTERSIGN_PORT:8080}}), so
 * Spring Boot's reports of the failed conversion show that placeholder, or a line of application.yml
 * inside the jar, but never the variable to change. A property set any other way is left to Boot's
 * reports, which then point at the right source.
 */
class VariableFormatFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(COUNTERSIGN_[A-Z0-9_]+)(?::(.*))?}");
    /** How Spring Boot words a value it could not convert when read through the environment. */
    private static final String NOT_CONVERTED = "Failed to convert to type ";

    private static final Map<String, String> KINDS = Map.of(
            Integer.class.getName(), "a whole number",
            Long.class.getName(), "a whole number",
            Duration.class.getName(), "a duration such as 30s, 5m or PT15M",
            DataSize.class.getName(), "a size such as 512KB or 1MB",
            Boolean.class.getName(), "true or false",
            URI.class.getName(), "an address such as https://countersign.example.com");

    private final Environment environment;

    VariableFormatFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        BindException binding = cause(failure, BindException.class);
        ConversionFailedException conversion = cause(failure, ConversionFailedException.class);
        if (binding != null && conversion != null && binding.getProperty() != null) {
            // the binder keeps the value as application.yml wrote it, placeholder and all
            return report(
                    binding.getProperty(),
                    conversion.getValue(),
                    conversion.getTargetType().getObjectType().getName(),
                    failure);
        }
        // read through the environment instead, as Spring's own conditions read server.port
        InvalidConfigurationPropertyValueException invalid =
                cause(failure, InvalidConfigurationPropertyValueException.class);
        if (invalid != null
                && invalid.getReason() != null
                && invalid.getReason().startsWith(NOT_CONVERTED)) {
            return report(
                    written(invalid.getName()),
                    invalid.getValue(),
                    invalid.getReason().substring(NOT_CONVERTED.length()),
                    failure);
        }
        return null;
    }

    private static FailureAnalysis report(
            ConfigurationProperty property, Object value, String type, Throwable failure) {
        if (property == null || !(property.getValue() instanceof String written)) {
            return null;
        }
        Matcher placeholder = PLACEHOLDER.matcher(written.strip());
        if (!placeholder.matches()) {
            return null;
        }
        String variable = placeholder.group(1);
        String fallback = placeholder.group(2);
        String kind = KINDS.getOrDefault(type, "a valid " + type.substring(type.lastIndexOf('.') + 1));
        return new FailureAnalysis(
                variable + " (" + property.getName() + ") is '" + value + "', which is not " + kind + ".",
                "Set " + variable + " to " + kind
                        + (fallback == null || fallback.isEmpty()
                                ? ", or unset it."
                                : ", or unset it for the default, " + fallback + "."),
                failure);
    }

    /** The property as the source that wins wrote it, before any placeholder in it is resolved. */
    private ConfigurationProperty written(String name) {
        if (!ConfigurationPropertyName.isValid(name)) {
            return null;
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(ConfigurationPropertyName.of(name));
            if (property != null) {
                return property;
            }
        }
        return null;
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /**
     * Right after the analyzer of hidden values: Spring Boot reports a value read through the
     * environment as a refused setting, which {@link SettingFailureAnalyzer} would answer first.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
