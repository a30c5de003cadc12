package io.countersign.shared.secrets;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Reports a setting refused with {@link #HIDDEN} as its value without ever showing the value. Spring
 * Boot's own report of an {@link InvalidConfigurationPropertyValueException} prints the value it finds
 * in the environment, whatever the exception carries, so an encryption key, or a database URL with a
 * password in it, would reach the log; this analyzer runs before Boot's and answers those refusals.
 */
public class HiddenValueFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationPropertyValueException>
        implements Ordered {

    /** The value to refuse a setting with when the setting may hold a secret. */
    public static final String HIDDEN = "(hidden)";

    private final Environment environment;

    HiddenValueFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationPropertyValueException cause) {
        if (!HIDDEN.equals(cause.getValue())) {
            return null;
        }
        String property = "Configuration property '" + cause.getName() + "'";
        String setting = environment.containsProperty(cause.getName())
                        && !environment.getProperty(cause.getName(), "").isBlank()
                ? property + " is not valid; no secret it may hold is shown."
                : property + " is not set.";
        return new FailureAnalysis(
                setting + System.lineSeparator() + System.lineSeparator() + cause.getReason(),
                "Change the setting as the reason above says.",
                cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
