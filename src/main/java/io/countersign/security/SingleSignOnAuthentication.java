package io.countersign.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * A person signed in through the provider: the same principal a password sign-in gives, so every page
 * treats both alike, plus the ID token that ending the provider's session asks for.
 */
final class SingleSignOnAuthentication extends AbstractAuthenticationToken {

    private final CountersignPrincipal principal;
    private final OidcIdToken idToken;

    SingleSignOnAuthentication(CountersignPrincipal principal, OidcIdToken idToken, Object details) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + principal.role())));
        this.principal = principal;
        this.idToken = idToken;
        setDetails(details);
        setAuthenticated(true);
    }

    @Override
    public CountersignPrincipal getPrincipal() {
        return principal;
    }

    /** Nothing a later request could present again. */
    @Override
    public Object getCredentials() {
        return null;
    }

    OidcIdToken idToken() {
        return idToken;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SingleSignOnAuthentication that
                && super.equals(that)
                && principal.equals(that.principal)
                && idToken.getTokenValue().equals(that.idToken.getTokenValue());
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + principal.hashCode();
    }
}
