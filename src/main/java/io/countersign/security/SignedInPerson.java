package io.countersign.security;

import java.util.List;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * What the provider said about a person, while Spring Security finishes the sign-in: who they are to
 * Countersign is settled after that, by {@link SingleSignOnSuccess}, so that no user or group changes
 * for a sign-in that fails on the way.
 */
final class SignedInPerson extends DefaultOidcUser {

    private final SingleSignOnIdentity identity;

    SignedInPerson(OidcUser person, SingleSignOnIdentity identity) {
        super(List.of(), person.getIdToken(), person.getUserInfo());
        this.identity = identity;
    }

    SingleSignOnIdentity identity() {
        return identity;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInPerson that && super.equals(that) && identity.equals(that.identity);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + identity.hashCode();
    }
}
