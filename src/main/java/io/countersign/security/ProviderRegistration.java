package io.countersign.security;

import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The single sign-on provider's registration, read from its discovery document on first use rather
 * than at start-up: Countersign starts, and password sign-in works, while the provider is unreachable.
 * A failed read is not remembered, so the next sign-in tries again. PKCE (S256) is required even with
 * a client secret, so an intercepted authorization code is worthless on its own.
 */
final class ProviderRegistration implements ClientRegistrationRepository {

    static final String ID = "oidc";

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistration.class);

    private final OidcProperties properties;
    private final String baseUrl;
    private final RestClient http;
    private volatile ClientRegistration registration;

    ProviderRegistration(OidcProperties properties, String baseUrl) {
        this.properties = properties;
        this.baseUrl = baseUrl;
        // bounded, so that an unreachable provider fails a sign-in instead of holding its thread
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(5));
        timeouts.setReadTimeout(Duration.ofSeconds(10));
        this.http = RestClient.builder().requestFactory(timeouts).build();
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration;
        if (known == null) {
            known = discover();
            registration = known;
        }
        return known;
    }

    private ClientRegistration discover() {
        String issuer = properties.issuer();
        String location = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration";
        try {
            Map<String, Object> metadata =
                    http.get().uri(location).retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() {});
            if (metadata == null || !issuer.equals(metadata.get("issuer"))) {
                // the ID tokens are checked against this issuer: a document naming another is not trusted
                log.warn("Single sign-on is unavailable: {} does not describe the issuer {}", location, issuer);
                return null;
            }
            ClientRegistration.Builder builder = ClientRegistrations.fromOidcConfiguration(metadata)
                    .registrationId(ID)
                    .clientId(properties.clientId())
                    .scope(properties.scopes())
                    .redirectUri(baseUrl + "/login/oauth2/code/" + ID)
                    .userNameAttributeName(IdTokenClaimNames.SUB)
                    .clientSettings(ClientRegistration.ClientSettings.builder()
                            .requireProofKey(true)
                            .build());
            if (properties.clientSecret() == null) {
                builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
            } else {
                builder.clientSecret(properties.clientSecret());
            }
            return builder.build();
        } catch (RestClientException | IllegalArgumentException unreadable) {
            log.warn("Single sign-on is unavailable: {} could not be read: {}", location, unreadable.getMessage());
            return null;
        }
    }
}
