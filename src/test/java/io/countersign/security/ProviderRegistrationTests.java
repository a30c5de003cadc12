package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/** How the provider's discovery document becomes the registration Countersign signs in with. */
class ProviderRegistrationTests {

    static final MockOAuth2Server provider = new MockOAuth2Server();

    @BeforeAll
    static void start() {
        provider.start();
    }

    @AfterAll
    static void stop() {
        provider.shutdown();
    }

    @Test
    void aPublicClientSignsInWithTheCodeFlowPkceAndTheRedirectUnderThePublicAddress() {
        String issuer = provider.issuerUrl("corp").toString();
        var registrations = new ProviderRegistration(properties(issuer, null), "https://countersign.example.com");

        var registration = registrations.findByRegistrationId("oidc");

        assertThat(registration.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.AUTHORIZATION_CODE);
        assertThat(registration.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
        assertThat(registration.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(registration.getRedirectUri()).isEqualTo("https://countersign.example.com/login/oauth2/code/oidc");
        assertThat(registration.getScopes()).containsExactlyInAnyOrder("openid", "profile", "email");
        assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo(issuer);
        assertThat(registration.getProviderDetails().getConfigurationMetadata()).containsKey("end_session_endpoint");
        assertThat(registrations.findByRegistrationId("google")).isNull();
    }

    @Test
    void aConfidentialClientStillRequiresPkce() {
        var registration = new ProviderRegistration(
                        properties(provider.issuerUrl("corp").toString(), "a client secret"), "http://localhost:8080")
                .findByRegistrationId("oidc");

        assertThat(registration.getClientSecret()).isEqualTo("a client secret");
        assertThat(registration.getClientAuthenticationMethod()).isNotEqualTo(ClientAuthenticationMethod.NONE);
        assertThat(registration.getClientSettings().isRequireProofKey()).isTrue();
    }

    @Test
    void aDiscoveryDocumentForAnotherIssuerIsNotTrusted() {
        String otherSpelling = provider.issuerUrl("corp") + "/";

        assertThat(new ProviderRegistration(properties(otherSpelling, null), "http://localhost:8080")
                        .findByRegistrationId("oidc"))
                .isNull();
    }

    @Test
    void anUnreachableProviderLeavesSingleSignOnUnavailableUntilItAnswers() {
        String issuer = "http://127.0.0.1:1/realms/corp";

        assertThat(new ProviderRegistration(properties(issuer, null), "http://localhost:8080")
                        .findByRegistrationId("oidc"))
                .isNull();
    }

    private static OidcProperties properties(String issuer, String secret) {
        return new OidcProperties(issuer, "countersign", secret, List.of("profile", "email"), null, null, false);
    }
}
