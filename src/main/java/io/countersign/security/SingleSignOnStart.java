package io.countersign.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The address that starts single sign-on from a sign-in page, naming the page that sign-in page was
 * shown for. A browser session keeps only the page asked for last, so two sign-in pages opened from
 * two mail links would otherwise both go on to the later link's page, whichever button was pressed.
 * The page is only ever a path on this service: {@link PendingSignIns} checks it again when the
 * sign-in starts, since anyone can write such an address.
 */
public final class SingleSignOnStart {

    static final String PATH = "/oauth2/authorization/" + ProviderRegistration.ID;
    static final String PAGE = "page";

    private static final RequestCache PAGES = new HttpSessionRequestCache();

    private SingleSignOnStart() {}

    /** The start address for the sign-in page shown in {@code request}; without a page when none was asked for. */
    public static String addressFor(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest asked = PAGES.getRequest(request, response);
        if (asked == null) {
            return PATH;
        }
        String page = LocalContinuation.localPath(asked.getRedirectUrl());
        return PATH + "?" + PAGE + "=" + URLEncoder.encode(page, StandardCharsets.UTF_8);
    }

    /** The local page a start asked to go on to, or null when it named none. */
    static String pageOf(HttpServletRequest start) {
        String page = start.getParameter(PAGE);
        return page == null ? null : LocalContinuation.localPath(page);
    }
}
