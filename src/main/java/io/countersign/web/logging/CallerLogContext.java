package io.countersign.web.logging;

import org.slf4j.MDC;

/**
 * Names the authenticated caller in the log context the {@link CallIdFilter} opened, for the paths
 * that answer without Spring MVC's interceptors (the access check's lean path) as for those with them.
 */
public final class CallerLogContext {

    private CallerLogContext() {}

    public static void caller(String username) {
        MDC.put(LogFields.ACTOR, username);
    }
}
