package io.countersign.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.OPTIONS;
import static org.springframework.http.HttpMethod.POST;

import io.countersign.directory.Users;
import io.countersign.shared.database.BoundedDatabaseCalls;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The pages people use in a browser: signed in with a password into a server-side session, every
 * form protected by a CSRF token. It takes whatever the API and action-link chains do not, and denies
 * anything it does not list. The session cookie is HttpOnly and SameSite=Lax (application.yml); the
 * servlet container marks it Secure whenever the request came over https. With an OpenID Connect
 * issuer configured, {@link SingleSignOn} adds the provider's sign-in to the same chain.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfiguration {

    /** Forms that security filters answer, which no controller mapping knows about. */
    private static final Map<String, Set<String>> FILTER_FORMS =
            Map.of("/logout", TakenMethods.withImplied(Set.of("POST")));

    /** What a client that does not ask for HTML reads when its role may not use a page's address. */
    private static final String NOT_YOURS = "Your role may not use this address.";

    /** The methods a form that a security filter answers takes, or {@code null} for any other path. */
    static Set<String> filterForm(HttpServletRequest request) {
        return FILTER_FORMS.get(request.getServletPath());
    }

    /** The pages' content policy; the sign-in chain adds its provider's address to {@code form-action}. */
    static String contentPolicy(String formTargets) {
        return "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'"
                + formTargets + "; base-uri 'none'";
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain pages(
            HttpSecurity http,
            LocalUserDetailsService details,
            PasswordEncoder encoder,
            SignInAttempts attempts,
            SignInAudit audit,
            ObjectProvider<RequestMappingInfoHandlerMapping> mappings,
            Users users,
            SessionStamps sessionStamps,
            ProviderSignOuts providerSignOuts,
            BoundedDatabaseCalls boundedCalls,
            SingleSignOn singleSignOn)
            throws Exception {
        singleSignOn.applyTo(http);
        // no fallback to the application-wide manager, which would check every refused password a
        // second time, unthrottled and unaudited: the providers of this chain have the last word
        http.getSharedObject(AuthenticationManagerBuilder.class).parentAuthenticationManager(null);
        http.authenticationProvider(new PasswordSignIn(details, encoder, attempts, users, audit, boundedCalls))
                .addFilterBefore(
                        new SignedInUserCheck(users, sessionStamps, providerSignOuts, audit, boundedCalls),
                        AuthorizationFilter.class)
                .addFilterAfter(new FilterFormOptions(), AuthorizationFilter.class)
                .httpBasic(basic -> basic.disable())
                .csrf(csrf -> csrf.csrfTokenRequestHandler(new TokenFromTheForm()))
                .formLogin(form -> form.loginPage("/login")
                        .authenticationDetailsSource(SignInFormDetails.SOURCE)
                        .successHandler(new LocalContinuation())
                        .failureHandler(new PasswordSignInFailure())
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout")
                        .addLogoutHandler(new SignOutAudit(audit))
                        .logoutSuccessUrl("/login?signedOut")
                        .invalidateHttpSession(true)
                        .deleteCookies("COUNTERSIGN_SESSION"))
                // a new session id at every sign-in, then the stamps that end it (see SessionStamps)
                .sessionManagement(
                        session -> session.sessionAuthenticationStrategy(new CompositeSessionAuthenticationStrategy(
                                List.of(new ChangeSessionIdAuthenticationStrategy(), sessionStamps))))
                .headers(headers -> headers.referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentPolicy(singleSignOn.formTargets()))))
                // a refusal is shown as a page, forwarded to inside the server; the refused request changed nothing
                .exceptionHandling(denied -> denied.accessDeniedHandler(refusalPage(new ServedOperations(mappings)))
                        .authenticationEntryPoint(signInFirst()))
                // the error page answers the container's error dispatches; asked for directly it is no page
                .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(GET, "/login", "/css/**", "/js/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers(GET, "/admin", "/admin/**")
                        .hasRole("ADMIN")
                        .requestMatchers(POST, "/admin/**")
                        .hasRole("ADMIN")
                        // auditors read requests but do not make them
                        .requestMatchers(GET, "/requests/new", "/requests/new/options")
                        .hasAnyRole("ADMIN", "USER")
                        .requestMatchers(POST, "/requests/new")
                        .hasAnyRole("ADMIN", "USER")
                        .requestMatchers(GET, "/requests", "/audit", "/audit/export")
                        .hasAnyRole("ADMIN", "AUDITOR")
                        // as GET /api/v1/breakglass: a user finds the uses they review or were told of
                        .requestMatchers(GET, "/breakglass")
                        .hasAnyRole("ADMIN", "AUDITOR", "USER")
                        .requestMatchers(POST, "/requests/*/review")
                        .hasAnyRole("ADMIN", "USER")
                        .requestMatchers(GET, "/", "/approvals", "/requests/*", "/profile")
                        .authenticated()
                        // asks before revoking one of the user's own tokens; the page finds no other
                        .requestMatchers(GET, "/profile/tokens/*/revoke")
                        .authenticated()
                        .requestMatchers(
                                POST,
                                "/requests/*/approve",
                                "/requests/*/reject",
                                "/requests/*/cancel",
                                "/grants/*/revoke",
                                "/profile/password",
                                "/profile/subscriptions",
                                "/profile/tokens/*/revoke",
                                "/profile/chat-links",
                                "/profile/chat-links/*/delete")
                        .authenticated()
                        // which methods an address takes, for anyone signed in, as on the API
                        .requestMatchers(OPTIONS, "/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll());
        return http.build();
    }

    /**
     * A visitor not signed in is sent to the sign-in page by its path: the entry point's own absolute
     * address would be built from the Host header, which the client chooses.
     */
    private static AuthenticationEntryPoint signInFirst() {
        LoginUrlAuthenticationEntryPoint entryPoint = new LoginUrlAuthenticationEntryPoint("/login");
        entryPoint.setFavorRelativeUris(true);
        return entryPoint;
    }

    /**
     * Someone signed in who may not open a page, or a form without its CSRF token: a readable 403 page,
     * or for a client that does not ask for HTML the problem document the API would answer;
     * an address no page has: the 404 page, since no role would open it; a method the address does not
     * take: the 405 page naming those it does. The sign-in form without a valid token and without a
     * live session means the session it was shown in has ended (it expired, or the service restarted):
     * the form is shown again, saying so; any other form sent by nobody signed in was shown in a session
     * that has ended since, and its sender is asked to sign in again rather than told they may not.
     */
    private static AccessDeniedHandler refusalPage(ServedOperations served) {
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        forbidden.setErrorPage("/forbidden");
        AccessDeniedHandlerImpl notFound = new AccessDeniedHandlerImpl();
        notFound.setErrorPage("/not-found");
        DefaultRedirectStrategy redirects = new DefaultRedirectStrategy();
        return (request, response, denied) -> {
            Set<String> filterForm = filterForm(request);
            Set<String> otherMethods = filterForm != null ? filterForm : served.otherMethods(request);
            if (otherMethods != null && !otherMethods.isEmpty() && !otherMethods.contains(request.getMethod())) {
                // the address is a page or form, just not for this method: say that, as OPTIONS does. Before
                // the CSRF check's word too, which would call a method nothing takes "not allowed"; nothing
                // runs either way, so a method a page does take still needs its token
                response.setHeader("Allow", TakenMethods.allow(otherMethods));
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                return;
            }
            if (denied instanceof CsrfException) {
                if (POST.matches(request.getMethod()) && "/login".equals(request.getServletPath())) {
                    // only a form whose session is gone was shown in a session that ended; on a live one
                    // the token is missing or another browser's, and the form is refused as others are
                    if (request.isRequestedSessionIdValid()) {
                        forbidden.handle(request, response, denied);
                    } else {
                        // what was typed is given back as after any refused sign-in: the username only
                        PasswordSignInFailure.keepTypedUsername(request, response);
                        redirects.sendRedirect(request, response, "/login?expired");
                    }
                    return;
                }
                if (!signedIn()) {
                    // the session the form was shown in has ended: the token went with it
                    redirects.sendRedirect(request, response, "/login?ended");
                    return;
                }
                forbidden.handle(request, response, denied);
                return;
            }
            if (otherMethods != null && otherMethods.isEmpty()) {
                notFound.handle(request, response, denied);
                return;
            }
            if (!asksForHtml(request)) {
                // a script reading with the session, such as the request form's suggestions, reads the API's answer
                ProblemWriter.write(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", NOT_YOURS);
                return;
            }
            forbidden.handle(request, response, denied);
        };
    }

    /**
     * Whether the client takes the page: a browser names HTML, and a client naming no type or any type
     * takes it too; one that names only others, such as a script asking for JSON, reads a problem.
     */
    private static boolean asksForHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept == null || accept.contains("text/html") || accept.contains("*/*");
    }

    /** Whether the request comes from someone signed in: the CSRF check runs before anyone is made anonymous. */
    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
