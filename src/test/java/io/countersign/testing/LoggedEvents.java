package io.countersign.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * The events one class logs during a test, in {@link #list}, registered as a field with
 * {@code @RegisterExtension}: it listens from before each test until after it.
 */
public final class LoggedEvents extends ListAppender<ILoggingEvent> implements BeforeEachCallback, AfterEachCallback {

    private final Logger logger;

    private LoggedEvents(Class<?> source) {
        this.logger = (Logger) LoggerFactory.getLogger(source);
    }

    /** The events the logger of {@code source} writes. */
    public static LoggedEvents of(Class<?> source) {
        return new LoggedEvents(source);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
        logger.addAppender(this);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.detachAppender(this);
    }
}
