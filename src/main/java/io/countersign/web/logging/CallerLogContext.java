package io.countersign.web.logging;

import org.slf4j.MDC;

/**
 * Names the authenticated caller in the log context the {@link CallIdFilter} opened, for the path that
 * answers before the security filter chain (the access check's lean path) as for those that pass it
 * ({@link CallerLogFilter}).
 */
public final class CallerLogContext {

    private CallerLogContext() {}

    public static void caller(String username) {
        MDC.put(LogFields.ACTOR, username);
    }
}
