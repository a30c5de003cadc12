package io.countersign.security;

import java.util.List;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** What the provider said about a person, with the Countersign principal they were matched to. */
final class SignedInPerson extends DefaultOidcUser {

    private final CountersignPrincipal principal;

    SignedInPerson(OidcUser person, CountersignPrincipal principal) {
        super(List.of(), person.getIdToken(), person.getUserInfo());
        this.principal = principal;
    }

    CountersignPrincipal principal() {
        return principal;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInPerson that && super.equals(that) && principal.equals(that.principal);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + principal.hashCode();
    }
}
