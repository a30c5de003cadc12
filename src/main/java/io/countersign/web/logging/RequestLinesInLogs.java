package io.countersign.web.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.spi.FilterReply;
import io.countersign.shared.InstalledLogFilter;
import io.countersign.web.DecisionLinkPaths;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Marker;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Keeps a call's query and a decision link's token out of what Spring and Tomcat write at debug and
 * trace level: with their web or security logging turned up, each call's line ({@code GET
 * "/actions/<token>?…"}, {@code Securing GET /actions/<token>}) would carry both. The line stays, with
 * the path as the access log writes it and without the query. It is the call being served that tells
 * what to take out, in the spellings it was sent and resolved in, so every spelling of a decision link
 * is caught.
 */
@Component
class RequestLinesInLogs extends InstalledLogFilter {

    RequestLinesInLogs() {
        install();
    }

    @Override
    public FilterReply decide(
            Marker marker,
            ch.qos.logback.classic.Logger logger,
            Level level,
            String format,
            Object[] params,
            Throwable failure) {
        if (format == null
                || level.isGreaterOrEqual(Level.INFO)
                || !level.isGreaterOrEqual(logger.getEffectiveLevel())
                || !(logger.getName().startsWith("org.springframework.")
                        || logger.getName().startsWith("org.apache."))) {
            return FilterReply.NEUTRAL;
        }
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return FilterReply.NEUTRAL;
        }
        FormattingTuple line = MessageFormatter.arrayFormat(format, params);
        String told = withoutSecrets(line.getMessage(), servlet.getRequest());
        if (told.equals(line.getMessage())) {
            return FilterReply.NEUTRAL;
        }
        logInstead(logger, level, told, failure != null ? failure : line.getThrowable());
        return FilterReply.DENY;
    }

    /** The line without the call's query, and with a decision link's path as its pattern. */
    static String withoutSecrets(String line, HttpServletRequest request) {
        String told = line;
        String query = request.getQueryString();
        if (query != null && !query.isEmpty()) {
            told = told.replace("?" + query, "");
        }
        if (DecisionLinkPaths.isDecisionLink(request)) {
            String resolved = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            for (String path : new String[] {request.getRequestURI(), resolved}) {
                if (path != null && path.length() > 1) {
                    told = told.replace(path, LoggedPaths.ACTION_LINK);
                }
            }
        }
        return told;
    }
}
