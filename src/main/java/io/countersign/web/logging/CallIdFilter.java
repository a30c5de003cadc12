package io.countersign.web.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every call an id, taken from {@code X-Request-Id} when a proxy sent a sensible one and made up
 * otherwise, echoes it in the answer and puts it in the log context of everything the call logs; runs
 * before security, so that refused calls carry it too. Clears the log context when the call (or each
 * of its asynchronous dispatches) ends, and writes the access log line when it is on.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CallIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    // anything else (too long, control characters, spaces) could forge or garble log lines
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
    private static final String ATTRIBUTE = CallIdFilter.class.getName() + ".id";
    private static final String STARTED = CallIdFilter.class.getName() + ".started";
    private static final Logger access = LoggerFactory.getLogger("io.countersign.access");

    private final LoggingProperties properties;
    private final boolean plain;

    CallIdFilter(
            LoggingProperties properties, @Value("${logging.structured.format.console:}") String structuredFormat) {
        this.properties = properties;
        // a structured line carries the call's id and actor as fields of its own
        this.plain = structuredFormat.isBlank();
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        // the answer of a long poll is written on an asynchronous dispatch: it needs the context too
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = (String) request.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = callId(request.getHeader(HEADER));
            request.setAttribute(ATTRIBUTE, id);
            request.setAttribute(STARTED, System.nanoTime());
            response.setHeader(HEADER, id);
        }
        MDC.put(LogFields.CALL_ID, id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (properties.accessLog() && !request.isAsyncStarted()) {
                long millis = (System.nanoTime() - (long) request.getAttribute(STARTED)) / 1_000_000;
                String line = request.getMethod() + " " + LoggedPaths.of(request) + " " + response.getStatus() + " "
                        + millis + "ms";
                access.info(
                        plain ? line + " id=" + id + " user=" + AccessLineActor.of(MDC.get(LogFields.ACTOR)) : line);
            }
            MDC.remove(LogFields.CALL_ID);
            MDC.remove(LogFields.ACTOR);
            MDC.remove(LogFields.REQUEST_ID);
            MDC.remove(LogFields.GRANT_ID);
        }
    }

    static String callId(String offered) {
        if (offered != null && ACCEPTED.matcher(offered).matches()) {
            return offered;
        }
        // an id to find a call's log lines by, not a secret (a caller may send its own): a
        // per-thread generator, where a shared SecureRandom made concurrent calls queue on its lock
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
