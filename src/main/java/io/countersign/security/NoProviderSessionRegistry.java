package io.countersign.security;

import java.util.List;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionInformation;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;

/**
 * Spring Security would keep every single sign-on session in this instance's memory to find the ones a
 * logout token names, and could not reach those of other instances. Countersign needs no such list:
 * each session holds its ID token, and every page compares it with the sign-outs in the database
 * ({@link ProviderSignOuts}). So nothing is kept here, and nothing grows with every sign-in.
 */
final class NoProviderSessionRegistry implements OidcSessionRegistry {

    @Override
    public void saveSessionInformation(OidcSessionInformation info) {}

    @Override
    public OidcSessionInformation removeSessionInformation(String clientSessionId) {
        return null;
    }

    @Override
    public Iterable<OidcSessionInformation> removeSessionInformation(OidcLogoutToken logoutToken) {
        return List.of();
    }
}
