package io.countersign.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * After the session has ended: a person who came through single sign-on is sent to the provider's
 * {@code end_session_endpoint}, when it advertises one, to end their session there too and come back to
 * the sign-in page; everyone else goes straight to the sign-in page. Both land on {@code
 * /login?signedOut}, which says that they are signed out.
 */
final class SingleSignOnLogout implements LogoutSuccessHandler {

    private final OidcClientInitiatedLogoutSuccessHandler provider;

    SingleSignOnLogout(ClientRegistrationRepository registrations, String baseUrl) {
        provider = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        provider.setPostLogoutRedirectUri(baseUrl + "/login?signedOut");
        provider.setDefaultTargetUrl("/login?signedOut");
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        Authentication asProviderSees = authentication instanceof SingleSignOnAuthentication person
                ? new OAuth2AuthenticationToken(
                        new DefaultOidcUser(person.getAuthorities(), person.idToken()),
                        person.getAuthorities(),
                        ProviderRegistration.ID)
                : authentication;
        provider.onLogoutSuccess(request, response, asProviderSees);
    }
}
