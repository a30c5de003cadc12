package io.countersign.security;

import io.countersign.shared.LoggedText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/**
 * Takes a logout token the provider sent to the back-channel endpoint, once Spring Security has checked
 * its signature against the provider's keys and its claims (issuer, audience, expiry, the logout event,
 * a subject or session, no nonce), and records the sign-out for every instance to act on ({@link
 * ProviderSignOuts}, {@link SignedInUserCheck}). It adds what Spring does not check: a token without an
 * expiry (Spring checks {@code exp} only when present; Back-Channel Logout requires it), or issued long
 * ago or in the future, is refused, and so are a token whose {@code sub} and {@code sid} are both empty
 * (Spring checks only that one is present, and an empty one names nobody) and ids that could not be kept
 * or never name a session signed in here ({@link ProviderIds}: too long, a control character such as a
 * NUL, which PostgreSQL keeps in no text, or a {@code sid} that is not a string). The token itself is
 * never logged.
 */
@Component
class ProviderSignOutReceiver implements LogoutHandler {

    /** How old a logout token may be; a provider sends it the moment the person signs out there. */
    static final Duration LONGEST_AGE = Duration.ofMinutes(10);
    /** How far ahead of this instance's clock the provider's may run. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ProviderSignOutReceiver.class);

    private final ProviderSignOuts signOuts;
    private final Clock clock;
    private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

    ProviderSignOutReceiver(ProviderSignOuts signOuts, Clock clock) {
        this.signOuts = signOuts;
        this.clock = clock;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (!(authentication.getPrincipal() instanceof OidcLogoutToken token)) {
            refuse(response, "not a logout token");
            return;
        }
        String refusal = refusal(token);
        if (refusal != null) {
            log.warn("Back-channel logout refused: {}", refusal);
            refuse(response, refusal);
            return;
        }
        signOuts.record(token);
        log.atInfo()
                .addKeyValue("event.action", "provider.signed_out")
                .log(
                        "The single sign-on provider signed out subject '{}'{}",
                        LoggedText.printable(token.getSubject(), ProviderSignOuts.MAX_ID_LENGTH),
                        ProviderSignOuts.id(token.getSessionId()) == null
                                ? " in every session"
                                : " in session '"
                                        + LoggedText.printable(token.getSessionId(), ProviderSignOuts.MAX_ID_LENGTH)
                                        + "'");
    }

    private String refusal(OidcLogoutToken token) {
        Instant now = clock.instant();
        if (!token.hasClaim(JwtClaimNames.EXP)) {
            return "the logout token has no exp claim";
        }
        if (token.getIssuedAt().isBefore(now.minus(LONGEST_AGE))) {
            return "the logout token was issued more than " + LONGEST_AGE.toMinutes() + " minutes ago";
        }
        if (token.getIssuedAt().isAfter(now.plus(CLOCK_SKEW))) {
            return "the logout token was issued in the future";
        }
        if (ProviderSignOuts.id(token.getSubject()) == null && ProviderSignOuts.id(token.getSessionId()) == null) {
            return "the logout token names neither a subject nor a session (sub and sid are empty)";
        }
        // read as sent: Spring would make a sid of 123 or ["a"] into text
        String subject =
                ProviderIds.problem(JwtClaimNames.SUB, token.getClaims().get(JwtClaimNames.SUB));
        return subject != null
                ? subject
                : ProviderIds.problem(ProviderIds.SID, token.getClaims().get(ProviderIds.SID));
    }

    /** Answered as Spring Security answers a token it refuses, so the provider sees one shape. */
    private void refuse(HttpServletResponse response, String description) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        try {
            errors.write(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null),
                    null,
                    new ServletServerHttpResponse(response));
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }
}
