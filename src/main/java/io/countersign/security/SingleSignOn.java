package io.countersign.security;

import io.countersign.shared.settings.PublicAddress;
import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.stereotype.Component;

/**
 * OpenID Connect sign-in as a second way into the pages, present only when an issuer is configured.
 * It starts at {@code /oauth2/authorization/oidc} and returns to {@code /login/oauth2/code/oidc} under
 * the public address ({@code countersign.base-url}), which is the redirect URI to register. The provider
 * ends sessions by posting a logout token to {@link BackChannelLogoutRefusals#PATH}.
 */
@Component
class SingleSignOn {

    private final OidcProperties properties;
    private final SingleSignOnAccounts accounts;
    private final SignInAudit audit;
    private final SessionStamps stamps;
    private final ProviderSignOutReceiver signOuts;
    private final String baseUrl;

    SingleSignOn(
            OidcProperties properties,
            SingleSignOnAccounts accounts,
            SignInAudit audit,
            SessionStamps stamps,
            ProviderSignOutReceiver signOuts,
            Environment environment) {
        this.properties = properties;
        this.accounts = accounts;
        this.audit = audit;
        this.stamps = stamps;
        this.signOuts = signOuts;
        this.baseUrl = PublicAddress.of(environment);
    }

    /**
     * Where a page's form may lead besides this service: signing out redirects to the provider's
     * end-session endpoint, and browsers hold a form's redirects to the page's {@code form-action}.
     * The endpoint is assumed at the issuer's origin, as with Keycloak, Entra ID and Okta.
     */
    String formTargets() {
        if (!properties.enabled()) {
            return "";
        }
        URI issuer = URI.create(properties.issuer());
        return " " + issuer.getScheme() + "://" + issuer.getRawAuthority();
    }

    /** ID tokens checked as Spring Security checks them, their {@code email_verified} read as sent. */
    private static OidcIdTokenDecoderFactory idTokens() {
        var idTokens = new OidcIdTokenDecoderFactory();
        var claims = SingleSignOnIdentity.claimTypes(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverters());
        idTokens.setClaimTypeConverterFactory(registration -> claims);
        return idTokens;
    }

    void applyTo(HttpSecurity http) throws Exception {
        if (!properties.enabled()) {
            return;
        }
        var registrations = new ProviderRegistration(properties, baseUrl);
        var contexts = new HttpSessionSecurityContextRepository();
        var failure = new SingleSignOnFailure(contexts);
        http.oauth2Login(login -> login.loginPage("/login")
                        .clientRegistrationRepository(registrations)
                        // one pending sign-in per tab, not one per browser (see PendingSignIns)
                        .authorizationEndpoint(
                                endpoint -> endpoint.authorizationRequestRepository(new PendingSignIns()))
                        .authorizedClientRepository(new NoAuthorizedClients())
                        .securityContextRepository(contexts)
                        .userInfoEndpoint(info -> info.oidcUserService(new SingleSignOnUsers(accounts, properties)))
                        .successHandler(new SingleSignOnSuccess(contexts, accounts, stamps, audit, failure))
                        .failureHandler(failure)
                        // a provider that cannot be reached is explained on the sign-in page, not as a 500
                        .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                            @Override
                            public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(failure);
                                return filter;
                            }
                        })
                        .withObjectPostProcessor(
                                new ObjectPostProcessor<OidcAuthorizationCodeAuthenticationProvider>() {
                                    @Override
                                    public <O extends OidcAuthorizationCodeAuthenticationProvider> O postProcess(
                                            O provider) {
                                        provider.setJwtDecoderFactory(idTokens());
                                        return provider;
                                    }
                                }))
                .logout(logout -> logout.logoutSuccessHandler(new SingleSignOnLogout(registrations, baseUrl)))
                // the provider's back-channel logout, at /logout/connect/back-channel/oidc: Spring checks the
                // token, and the sign-out is recorded for every instance rather than looked up in this one
                .oidcLogout(logout -> logout.clientRegistrationRepository(registrations)
                        .oidcSessionRegistry(new NoProviderSessionRegistry())
                        .backChannel(backChannel -> backChannel.logoutHandler(signOuts)))
                .addFilterAfter(new SingleSignOnAddresses(), HeaderWriterFilter.class)
                .addFilterAfter(new BackChannelLogoutRefusals(registrations, signOuts), HeaderWriterFilter.class);
    }
}
