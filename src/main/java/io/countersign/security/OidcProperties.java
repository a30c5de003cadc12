package io.countersign.security;

import io.countersign.shared.settings.Setting;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on with an OpenID Connect provider, off unless an issuer is configured.
 *
 * @param issuer the provider's issuer address, under which its discovery document is read
 *     (/.well-known/openid-configuration); single sign-on is off while unset
 * @param clientId the client id Countersign is registered under at the provider
 * @param clientSecret the client secret; leave unset for a public client (PKCE is sent either way)
 * @param scopes the scopes asked for at sign-in; openid is always among them
 * @param usernameClaim the claim holding the Countersign username; the email claim stands in when a
 *     person's token lacks it
 * @param groupsClaim the claim listing a person's groups; when set, their memberships of existing
 *     Countersign groups are replaced by it at each sign-in
 * @param createUsers whether a person without a Countersign user gets one (tool role USER) at their
 *     first single sign-on; otherwise they are refused
 */
@ConfigurationProperties("countersign.oidc")
public record OidcProperties(
        String issuer,
        String clientId,
        String clientSecret,
        // one element each: a single "openid,profile,email" binds as one scope of that name
        @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
        @DefaultValue("preferred_username") String usernameClaim,
        String groupsClaim,
        @DefaultValue("false") boolean createUsers) {

    public OidcProperties {
        issuer = Setting.of("countersign.oidc.issuer").requireHttpUrl(blankToNull(issuer));
        clientSecret = blankToNull(clientSecret);
        groupsClaim = blankToNull(groupsClaim);
        usernameClaim = blankToNull(usernameClaim) == null ? "preferred_username" : usernameClaim.strip();
        List<String> asked = new ArrayList<>(scopes == null ? List.of() : scopes);
        if (!asked.contains("openid")) {
            asked.add(0, "openid");
        }
        scopes = List.copyOf(asked);
        if (issuer != null && blankToNull(clientId) == null) {
            throw Setting.of("countersign.oidc.client-id")
                    .refused(null, "must be set when COUNTERSIGN_OIDC_ISSUER (countersign.oidc.issuer) is");
        }
    }

    /** Whether the sign-in page offers single sign-on. */
    public boolean enabled() {
        return issuer != null;
    }

    @Override
    public String toString() {
        // the client secret stays out of logs and failure messages
        return "OidcProperties[issuer=" + issuer + ", clientId=" + clientId + ", scopes=" + scopes + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
