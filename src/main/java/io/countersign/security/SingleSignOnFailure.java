package io.countersign.security;

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
        log.warn("Single sign-on did not succeed ({}): {}", code, exception.getMessage());
        redirects.sendRedirect(request, response, "/login?sso=" + code);
    }
}
