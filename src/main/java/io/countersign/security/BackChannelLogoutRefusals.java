package io.countersign.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security's back-channel logout endpoint fails with a 500 when a correctly signed logout token
 * lacks a claim its checks read unguarded ({@code events}, {@code iss}): the token is what is wrong,
 * so the provider is told so with a 400, as for any other refused token. Failures with another cause,
 * such as the provider's keys being unreachable, stay server errors.
 */
final class BackChannelLogoutRefusals extends OncePerRequestFilter {

    static final String PATH = "/logout/connect/back-channel/" + ProviderRegistration.ID;

    private static final Logger log = LoggerFactory.getLogger(BackChannelLogoutRefusals.class);

    private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !PATH.equals(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (AuthenticationServiceException failed) {
            if (!(failed.getCause() instanceof IllegalArgumentException
                            || failed.getCause() instanceof NullPointerException)
                    || response.isCommitted()) {
                throw failed;
            }
            log.warn("Back-channel logout refused: the logout token lacks a claim it must have");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            errors.write(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "the logout token lacks a required claim", null),
                    null,
                    new ServletServerHttpResponse(response));
        }
    }
}
