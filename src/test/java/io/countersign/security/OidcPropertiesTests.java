package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class OidcPropertiesTests {

    @Test
    void singleSignOnIsOffWithoutAnIssuer() {
        assertThat(new OidcProperties(" ", null, null, List.of(), null, null, false).enabled())
                .isFalse();
    }

    @Test
    void anIssuerNeedsAClientId() {
        assertThatThrownBy(() -> new OidcProperties("https://idp.example.com", " ", null, List.of(), null, null, false))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageEndingWith("COUNTERSIGN_OIDC_CLIENT_ID (countersign.oidc.client-id) must be set when"
                        + " COUNTERSIGN_OIDC_ISSUER (countersign.oidc.issuer) is.");
    }

    @Test
    void openidIsAlwaysAskedForAndTheUsernameClaimDefaults() {
        var properties = new OidcProperties("https://idp.example.com", "cs", null, List.of("email"), " ", null, false);

        assertThat(properties.scopes()).containsExactly("openid", "email");
        assertThat(properties.usernameClaim()).isEqualTo("preferred_username");
    }

    @Test
    void byDefaultTheScopesAreOpenidProfileAndEmailEachOnItsOwn() {
        var source = new MapConfigurationPropertySource(
                Map.of("countersign.oidc.issuer", "https://idp.example.com", "countersign.oidc.client-id", "cs"));

        var properties = new Binder(source).bindOrCreate("countersign.oidc", Bindable.of(OidcProperties.class));

        assertThat(properties.scopes()).containsExactly("openid", "profile", "email");
    }

    @Test
    void scopesGivenAsOneCommaSeparatedValueAreSeveralScopes() {
        var source = new MapConfigurationPropertySource(Map.of(
                "countersign.oidc.issuer", "https://idp.example.com",
                "countersign.oidc.client-id", "cs",
                "countersign.oidc.scopes", "profile,email,groups"));

        var properties = new Binder(source).bindOrCreate("countersign.oidc", Bindable.of(OidcProperties.class));

        assertThat(properties.scopes()).containsExactly("openid", "profile", "email", "groups");
    }

    @Test
    void theClientSecretStaysOutOfTheTextForm() {
        assertThat(new OidcProperties("https://idp.example.com", "cs", "s3cret-value", List.of(), null, null, false)
                        .toString())
                .doesNotContain("s3cret-value");
    }
}
