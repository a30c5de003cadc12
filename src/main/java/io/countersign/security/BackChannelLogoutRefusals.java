package io.countersign.security;

import io.countersign.shared.LoggedText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Answers what Spring Security's back-channel logout endpoint gets wrong. A correctly signed logout
 * token that lacks a claim its checks read unguarded ({@code events}, {@code iss}) fails there with a
 * 500: the token is what is wrong, so the provider is told so with a 400, as for any other refused
 * token. A provider that cannot be reached is no fault of the token: Spring would answer a bare 400 when
 * the discovery document cannot be read, and a provider takes a 400 as final, so the sign-out would be
 * lost; that, and a key set that cannot be read, are a 500 the provider may retry, with one log line
 * saying why rather than a stack trace. A checked token whose logout event has members, which Spring
 * cannot build, signs out as the same token with an empty event would; one whose event is not an
 * object at all ({@code []}, {@code 1}), which Spring cannot build either, is refused with a 400. A token in the address rather
 * than the form is refused with a 400.
 */
final class BackChannelLogoutRefusals extends OncePerRequestFilter {

    static final String PATH = "/logout/connect/back-channel/" + ProviderRegistration.ID;

    static final String LOGOUT_TOKEN = "logout_token";

    private static final int MAX_CAUSE = 300;

    private static final Logger log = LoggerFactory.getLogger(BackChannelLogoutRefusals.class);

    private final ClientRegistrationRepository registrations;
    private final LogoutHandler signOuts;
    private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

    BackChannelLogoutRefusals(ClientRegistrationRepository registrations, LogoutHandler signOuts) {
        this.registrations = registrations;
        this.signOuts = signOuts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !PATH.equals(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // read, or read again, here: Spring's endpoint reads the same registration right after
        if (tokenInAddress(request)) {
            log.warn("Back-channel logout refused: the logout token was sent in the address, not the form");
            answer(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    OAuth2ErrorCodes.INVALID_REQUEST,
                    "the logout token must be sent as the form parameter logout_token, not in the address");
            return;
        }
        ClientRegistration provider = registrations.findByRegistrationId(ProviderRegistration.ID);
        if (provider == null) {
            log.warn("Back-channel logout not taken, the provider may send it again: single sign-on is unavailable");
            answer(
                    response,
                    HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    OAuth2ErrorCodes.SERVER_ERROR,
                    "the provider's discovery document could not be read");
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (IllegalArgumentException unbuilt) {
            // Spring refuses to build a checked token whose logout event is not an empty object
            Jwt checked = response.isCommitted()
                    ? null
                    : LogoutEventWithMembers.checked(provider, request.getParameter(LOGOUT_TOKEN));
            if (checked == null) {
                throw unbuilt;
            }
            OidcLogoutToken token = LogoutEventWithMembers.emptied(checked);
            if (token != null) {
                signOuts.logout(request, response, new PreAuthenticatedAuthenticationToken(token, null, List.of()));
                return;
            }
            if (!LogoutEventWithMembers.eventIsNotAnObject(checked)) {
                throw unbuilt;
            }
            log.warn("Back-channel logout refused: the logout event is not a JSON object");
            answer(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    OAuth2ErrorCodes.INVALID_REQUEST,
                    "the logout event's value must be a JSON object");
        } catch (AuthenticationServiceException failed) {
            if (response.isCommitted()) {
                throw failed;
            }
            if (failed.getCause() instanceof IllegalArgumentException
                    || failed.getCause() instanceof NullPointerException) {
                log.warn("Back-channel logout refused: the logout token lacks a claim it must have");
                answer(
                        response,
                        HttpServletResponse.SC_BAD_REQUEST,
                        OAuth2ErrorCodes.INVALID_REQUEST,
                        "the logout token lacks a required claim");
                return;
            }
            log.warn(
                    "Back-channel logout not taken, the provider may send it again: the logout token could not be"
                            + " checked: {}",
                    LoggedText.printable(failed.getMessage(), MAX_CAUSE));
            answer(
                    response,
                    HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    OAuth2ErrorCodes.SERVER_ERROR,
                    "the logout token could not be checked against the provider's keys");
        }
    }

    /**
     * Back-Channel Logout posts the token as a form parameter; one in the address is written to access
     * logs on its way, so it is not taken even when the form carries one too.
     */
    private static boolean tokenInAddress(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return false;
        }
        for (String parameter : query.split("&")) {
            String name = parameter.split("=", 2)[0];
            try {
                if (LOGOUT_TOKEN.equals(UriUtils.decode(name.replace('+', ' '), StandardCharsets.UTF_8))) {
                    return true;
                }
            } catch (IllegalArgumentException malformed) {
                return true;
            }
        }
        return false;
    }

    private void answer(HttpServletResponse response, int status, String code, String description) throws IOException {
        response.setStatus(status);
        errors.write(new OAuth2Error(code, description, null), null, new ServletServerHttpResponse(response));
    }
}
