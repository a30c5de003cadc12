package io.countersign.security;

import java.util.List;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** What the provider said about a person, with the Countersign principal they were matched to. */
final class SignedInPerson extends DefaultOidcUser {

    private final CountersignPrincipal principal;
    private final String match;

    /** @param match the provider's subject and how it matched, for the audit note */
    SignedInPerson(OidcUser person, CountersignPrincipal principal, String match) {
        super(List.of(), person.getIdToken(), person.getUserInfo());
        this.principal = principal;
        this.match = match;
    }

    CountersignPrincipal principal() {
        return principal;
    }

    String match() {
        return match;
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
