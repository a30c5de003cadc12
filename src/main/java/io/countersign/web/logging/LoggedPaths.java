package io.countersign.web.logging;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * The path of a call as it may be written to a log. A decision link's address is its only credential
 * ({@code /actions/<token>}), so that path is logged as its pattern; every other path names nothing
 * secret (ids of requests, grants, tokens and chat channels are not credentials).
 */
final class LoggedPaths {

    static final String ACTION_LINK = "/actions/{token}";
    private static final String ACTIONS = "/actions";

    private LoggedPaths() {}

    static String of(HttpServletRequest request) {
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        // the servlet path is the one the handler matched: decoded, normalised and without ";…"
        // parameters, so /%61ctions/… and /actions;x/… are caught as well as the plain form
        String matched = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return isActionLink(raw) || isActionLink(matched) ? ACTION_LINK : request.getRequestURI();
    }

    private static boolean isActionLink(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        int semicolon = lower.indexOf(';');
        String first = semicolon < 0 ? lower : lower.substring(0, semicolon);
        return first.equals(ACTIONS) && lower.length() > ACTIONS.length() || first.startsWith(ACTIONS + "/");
    }
}
