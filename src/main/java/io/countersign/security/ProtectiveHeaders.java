package io.countersign.security;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every page carries (content policy, no sniffing, no framing, no caching, referrer), for
 * answers Spring Security's header writer never sees: the container's error dispatches and the
 * refusals Tomcat makes before any filter runs. Headers already set are kept.
 */
public final class ProtectiveHeaders {

    private ProtectiveHeaders() {}

    public static void setIfAbsent(HttpServletResponse response) {
        setIfAbsent(response, "Content-Security-Policy", PageSecurityConfiguration.contentPolicy(""));
        setIfAbsent(response, "X-Content-Type-Options", "nosniff");
        setIfAbsent(response, "X-Frame-Options", "DENY");
        setIfAbsent(response, "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        setIfAbsent(response, "Referrer-Policy", "same-origin");
    }

    private static void setIfAbsent(HttpServletResponse response, String name, String value) {
        if (!response.containsHeader(name)) {
            response.setHeader(name, value);
        }
    }
}
