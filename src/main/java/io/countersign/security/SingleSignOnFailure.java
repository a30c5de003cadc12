package io.countersign.security;

import io.countersign.shared.LoggedText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Back to the sign-in page with a code it explains: a refusal by Countersign says why; anything else
 * (the provider unreachable, an ID token from the wrong issuer or for another client) is one generic
 * failure for the person and the details in the log.
 */
final class SingleSignOnFailure implements AuthenticationFailureHandler {

    static final String FAILED = "failed";

    private static final int MAX_REASON = 300;

    private static final Logger log = LoggerFactory.getLogger(SingleSignOnFailure.class);

    private final DefaultRedirectStrategy redirects = new DefaultRedirectStrategy();

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String code = exception instanceof OAuth2AuthenticationException refused
                        && SignInRefusal.isCode(refused.getError().getErrorCode())
                ? refused.getError().getErrorCode()
                : FAILED;
        log.warn("Single sign-on did not succeed ({}): {}", code, reason(exception));
        redirects.sendRedirect(request, response, "/login?sso=" + code);
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
