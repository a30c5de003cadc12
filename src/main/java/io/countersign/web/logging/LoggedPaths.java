package io.countersign.web.logging;

import io.countersign.web.DecisionLinkPaths;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The path of a call as it may be written to a log. A decision link's address is its only credential
 * ({@code /actions/<token>}), so that path, in any of its spellings, is logged as its pattern.
 */
final class LoggedPaths {

    static final String ACTION_LINK = "/actions/{token}";

    private LoggedPaths() {}

    static String of(HttpServletRequest request) {
        return DecisionLinkPaths.isDecisionLink(request) ? ACTION_LINK : request.getRequestURI();
    }
}
