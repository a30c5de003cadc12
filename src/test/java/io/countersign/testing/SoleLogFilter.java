package io.countersign.testing;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import io.countersign.shared.InstalledLogFilter;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Lets the log filter under test act alone, registered as a field with {@code @RegisterExtension}:
 * test contexts still open in this JVM installed filters of the same kind, which would log too, so
 * those are set aside for each test and put back after it, and the one under test is removed.
 */
public final class SoleLogFilter implements BeforeEachCallback, AfterEachCallback {

    private final InstalledLogFilter filter;
    private List<TurboFilter> others = List.of();

    private SoleLogFilter(InstalledLogFilter filter) {
        this.filter = filter;
    }

    public static SoleLogFilter of(InstalledLogFilter filter) {
        return new SoleLogFilter(filter);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        List<TurboFilter> registered = logback().getTurboFilterList();
        others = registered.stream()
                .filter(other -> filter.getClass().isInstance(other) && other != filter)
                .toList();
        registered.removeAll(others);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        filter.destroy();
        logback().getTurboFilterList().addAll(others);
    }

    private static LoggerContext logback() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
