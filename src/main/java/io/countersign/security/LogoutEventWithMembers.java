package io.countersign.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.client.oidc.authentication.logout.LogoutTokenClaimNames;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A logout token whose logout event carries members ({@code {"reason": "admin"}}). Back-Channel Logout
 * says the event's value SHOULD be an empty object, so it may be any object; Spring Security checks
 * such a token and then refuses to build it, with an exception that would answer 500, which a provider
 * sends again for ever. Here it is checked again as Spring checks it (signature against the provider's
 * keys, type, issuer, audience, expiry), and taken with its event emptied. An event whose value is no
 * object at all fails the same way, and is told apart here so that it can be refused.
 */
final class LogoutEventWithMembers {

    static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private LogoutEventWithMembers() {}

    /** The token's claims once checked as Spring checks them; null when it does not check. */
    static Jwt checked(ClientRegistration provider, String logoutToken) {
        if (logoutToken == null) {
            return null;
        }
        try {
            return decoder(provider).decode(logoutToken);
        } catch (JwtException refused) {
            return null;
        }
    }

    /** The checked token, its logout event emptied; null when its event has no members. */
    static OidcLogoutToken emptied(Jwt jwt) {
        if (!(jwt.getClaims().get(LogoutTokenClaimNames.EVENTS) instanceof Map<?, ?> events)
                || !(events.get(LOGOUT_EVENT) instanceof Map<?, ?> event)
                || event.isEmpty()) {
            return null;
        }
        Map<Object, Object> emptied = new LinkedHashMap<>(events);
        emptied.put(LOGOUT_EVENT, Map.of());
        try {
            return OidcLogoutToken.withTokenValue(jwt.getTokenValue())
                    .claims(claims -> {
                        claims.putAll(jwt.getClaims());
                        claims.put(LogoutTokenClaimNames.EVENTS, emptied);
                    })
                    .build();
        } catch (IllegalArgumentException notALogoutToken) {
            return null;
        }
    }

    /**
     * Whether the token names the logout event with a value that is not a JSON object ({@code []},
     * {@code 1}): Spring's checks pass it, and building it then fails as a server error.
     */
    static boolean eventIsNotAnObject(Jwt jwt) {
        return jwt.getClaims().get(LogoutTokenClaimNames.EVENTS) instanceof Map<?, ?> events
                && events.get(LOGOUT_EVENT) != null
                && !(events.get(LOGOUT_EVENT) instanceof Map<?, ?>);
    }

    private static NimbusJwtDecoder decoder(ClientRegistration provider) {
        var type = new JwtTypeValidator("JWT", "logout+jwt");
        type.setAllowEmpty(true);
        var decoder = NimbusJwtDecoder.withJwkSetUri(
                        provider.getProviderDetails().getJwkSetUri())
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                type,
                new JwtIssuerValidator(provider.getProviderDetails().getIssuerUri()),
                new JwtAudienceValidator(provider.getClientId())));
        return decoder;
    }
}
