package io.countersign.security;

import io.countersign.shared.LoggedText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.StringUtils;

/**
 * Back to the sign-in page with a code it explains: a refusal by Countersign says why; anything else
 * (the provider unreachable, an ID token from the wrong issuer or for another client) is one generic
 * failure for the person and the details in the log. A return from the provider for no sign-in pending
 * in this browser, to a browser already signed in (its tab's sign-in was finished or outgrown by
 * others, the address was opened again, or it carries no {@code state}), signs nobody in and goes on to the home page rather than
 * tell someone signed in that their sign-in failed.
 */
final class SingleSignOnFailure implements AuthenticationFailureHandler {

    static final String FAILED = "failed";

    /** Spring Security's code for a return whose {@code state} names no sign-in pending in the session. */
    private static final String NOT_PENDING = "authorization_request_not_found";

    private static final int MAX_REASON = 300;

    private static final Logger log = LoggerFactory.getLogger(SingleSignOnFailure.class);

    private final DefaultRedirectStrategy redirects = new DefaultRedirectStrategy();
    private final SecurityContextRepository contexts;

    SingleSignOnFailure(SecurityContextRepository contexts) {
        this.contexts = contexts;
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        if ((isNotPending(exception) || hasNoState(request)) && isSignedIn(request)) {
            log.info("Single sign-on return for no sign-in pending in this browser, which is signed in: on to /");
            redirects.sendRedirect(request, response, "/");
            return;
        }
        String code = exception instanceof OAuth2AuthenticationException refused
                        && SignInRefusal.isCode(refused.getError().getErrorCode())
                ? refused.getError().getErrorCode()
                : FAILED;
        log.warn("Single sign-on did not succeed ({}): {}", code, reason(exception));
        redirects.sendRedirect(request, response, "/login?sso=" + code);
    }

    private static boolean isNotPending(AuthenticationException exception) {
        return exception instanceof OAuth2AuthenticationException refused
                && NOT_PENDING.equals(refused.getError().getErrorCode());
    }

    /**
     * A return without a {@code state} names no sign-in at all, pending or not: Spring Security refuses it
     * as a malformed response before looking for one, but it is the same return finding no start.
     */
    private static boolean hasNoState(HttpServletRequest request) {
        return !StringUtils.hasText(request.getParameter(OAuth2ParameterNames.STATE));
    }

    /**
     * Read from the session, since the failed sign-in has emptied the request's context. Whether the
     * session is still good is {@link SignedInUserCheck}'s to say on the page this leads to.
     */
    private boolean isSignedIn(HttpServletRequest request) {
        if (!contexts.containsContext(request)) {
            return false;
        }
        Authentication signedIn = contexts.loadDeferredContext(request).get().getAuthentication();
        return signedIn != null
                && signedIn.isAuthenticated()
                && signedIn.getPrincipal() instanceof CountersignPrincipal;
    }

    /**
     * The error code and description, which may come straight from the callback's query (the provider's
     * {@code error} and {@code error_description}, or anyone's who opens that address): the code is
     * kept to the characters codes use, and the description loses every control or line-breaking
     * character and is cut short, so that it cannot forge log lines.
     */
    static String reason(AuthenticationException exception) {
        if (exception instanceof OAuth2AuthenticationException failed) {
            String code = failed.getError().getErrorCode();
            String description = failed.getError().getDescription();
            return "[" + (code == null ? "" : code.replaceAll("[^A-Za-z0-9_.-]", "?")) + "] "
                    + LoggedText.printable(description, MAX_REASON);
        }
        return exception.getClass().getSimpleName() + ": " + LoggedText.printable(exception.getMessage(), MAX_REASON);
    }
}
