package io.countersign.security;

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

    /**
     * Checks the ID token's ids before anything else reads them; the user is matched, created and given
     * their groups only once Spring Security has finished with the sign-in ({@link SingleSignOnSuccess}).
     */
    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser person = provider.loadUser(request);
        var identity = SingleSignOnIdentity.from(person.getClaims(), properties);
        String unusable = ProviderIds.unusableInIdToken(person.getIdToken().getClaims());
        if (unusable != null) {
            accounts.refuseToken(identity, unusable, sourceAddress());
            throw refused(SignInRefusal.UNUSABLE_TOKEN, unusable);
        }
        return new SignedInPerson(person, identity);
    }

    /** The refusal as the failure handler shows and logs it; the description is what its log line says. */
    static OAuth2AuthenticationException refused(SignInRefusal refusal, String detail) {
        String note = refusal.note();
        return new OAuth2AuthenticationException(
                new OAuth2Error(refusal.code(), detail == null ? note : note + " (" + detail + ")", null));
    }

    private static String sourceAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current
                ? current.getRequest().getRemoteAddr()
                : null;
    }
}
