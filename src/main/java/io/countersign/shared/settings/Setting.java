package io.countersign.shared.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * One setting as an operator sees it: the property and the environment variable that sets it. Its
 * checks refuse a value the service cannot sensibly run with, so that the start stops with a short
 * report naming the variable ({@link SettingFailureAnalyzer}) instead of running with nonsense, such
 * as a negative timeout or no threads at all.
 */
public record Setting(String property, String variable) {

    /** A setting whose variable is the property's relaxed-binding spelling (COUNTERSIGN_MAIL_TIMEOUT). */
    public static Setting of(String property) {
        return new Setting(
                property, property.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT));
    }

    public Duration requirePositive(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw refused(value, "must be positive, e.g. 30s");
        }
        return value;
    }

    public Duration requireAtLeast(Duration minimum, String example, Duration value) {
        if (value.compareTo(minimum) < 0) {
            throw refused(value, "must be at least " + example);
        }
        return value;
    }

    /**
     * Refuses a value above {@code maximum}, the value of the setting {@code bound}, such as a first
     * wait longer than the longest one.
     */
    public Duration requireAtMost(Setting bound, Duration maximum, Duration value) {
        if (value.compareTo(maximum) > 0) {
            throw refused(
                    value, "must not exceed " + bound.variable() + " (" + bound.property() + "), " + spelled(maximum));
        }
        return value;
    }

    public Duration requireNotNegative(Duration value) {
        if (value.isNegative()) {
            throw refused(value, "must not be negative");
        }
        return value;
    }

    public DataSize requirePositive(DataSize value) {
        if (value.toBytes() < 1) {
            throw refused(value, "must be positive, e.g. 1MB");
        }
        return value;
    }

    public int requireAtLeast(int minimum, int value) {
        if (value < minimum) {
            throw refused(value, "must be at least " + minimum);
        }
        return value;
    }

    public int requireNotNegative(int value) {
        if (value < 0) {
            throw refused(value, "must not be negative");
        }
        return value;
    }

    public int requireBetween(int minimum, int maximum, int value) {
        if (value < minimum || value > maximum) {
            throw refused(value, "must be between " + minimum + " and " + maximum);
        }
        return value;
    }

    /** An absolute http or https address with a host; blank stays unset. */
    public String requireHttpUrl(String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && !uri.getHost().isEmpty()) {
                return value;
            }
        } catch (URISyntaxException e) {
            // refused below, with the same words as any other address that is not absolute
        }
        throw refused(value, "must be an absolute http or https address, e.g. https://idp.example.com/realms/corp");
    }

    /** A duration as an operator writes it, such as 1h or 90s. */
    private static String spelled(Duration value) {
        if (value.toMillis() % 1000 != 0) {
            return value.toMillis() + "ms";
        }
        long seconds = value.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    /** Refuses {@code value}; {@code rule} completes "VARIABLE (property) ...". */
    public InvalidConfigurationPropertyValueException refused(Object value, String rule) {
        return new InvalidConfigurationPropertyValueException(
                property, value, variable + " (" + property + ") " + rule + ".");
    }
}
