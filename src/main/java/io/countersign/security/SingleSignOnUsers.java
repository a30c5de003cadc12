package io.countersign.security;

import io.countersign.shared.Channel;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Turns the person behind a validated ID token (and the provider's user-info) into a Countersign user,
 * or refuses them with a code the sign-in page explains.
 */
final class SingleSignOnUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService provider = new OidcUserService();
    private final SingleSignOnAccounts accounts;
    private final OidcProperties properties;

    SingleSignOnUsers(SingleSignOnAccounts accounts, OidcProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
        var userInfoClaims = SingleSignOnIdentity.claimTypes(OidcUserService.createDefaultClaimTypeConverters());
        provider.setClaimTypeConverterFactory(registration -> userInfoClaims);
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser person = provider.loadUser(request);
        var identity = SingleSignOnIdentity.from(person.getClaims(), properties);
        var outcome = accounts.signIn(identity, sourceAddress());
        String detail = outcome.describe(identity);
        if (outcome.refusal() != null) {
            // the description is what the refusal's log line says
            String note = outcome.refusal().note();
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    outcome.refusal().code(), detail == null ? note : note + " (" + detail + ")", null));
        }
        var user = outcome.user();
        return new SignedInPerson(person, new CountersignPrincipal(user.username(), user.role(), Channel.WEB), detail);
    }

    private static String sourceAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current
                ? current.getRequest().getRemoteAddr()
                : null;
    }
}
