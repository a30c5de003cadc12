package io.countersign.shared.settings;

import io.countersign.shared.secrets.HiddenValueFailureAnalyzer;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports a setting the service refused, wherever it was refused. Spring Boot has a report of its own
 * for this exception, but a refusal raised while a properties record is bound reaches Boot's generic
 * report of binding failures first, which prints the exception's class and never the variable to
 * change. Values refused as {@link HiddenValueFailureAnalyzer#HIDDEN} are left to that analyzer.
 */
class SettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationPropertyValueException>
        implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationPropertyValueException cause) {
        if (HiddenValueFailureAnalyzer.HIDDEN.equals(cause.getValue())) {
            return null;
        }
        String setting = cause.getValue() == null
                ? "Configuration property '" + cause.getName() + "' is not set."
                : "Configuration property '" + cause.getName() + "' is '" + cause.getValue() + "', which is not valid.";
        return new FailureAnalysis(
                setting + System.lineSeparator() + System.lineSeparator() + cause.getReason(),
                "Change the setting as the reason above says.",
                cause);
    }

    /** After the analyzers of hidden values and of variables of the wrong kind, and before any of Spring Boot's. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
