package io.countersign.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.OPTIONS;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Deny by default: every API path is listed here with the tool roles that may call it, and anything
 * not listed is refused. Finer rules (a user sees only their own requests) are enforced by the
 * modules themselves.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String ADMIN = "ADMIN";
    private static final String AUDITOR = "AUDITOR";
    private static final String USER = "USER";
    private static final String ENFORCER = "ENFORCER";

    /**
     * The console's page and scripts: the pages' policy, and the data: images its style sheet draws
     * its icons with; its calls go to this service only. Its one inline style, in the logo of its top
     * bar, is allowed by its hash, which a new console version that changes the logo must update.
     */
    static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self';"
            + " style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none';"
            + " form-action 'self'; base-uri 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http, BearerAuthentication bearer, ObjectProvider<RequestMappingInfoHandlerMapping> mappings)
            throws Exception {
        http.securityMatcher(new OrRequestMatcher(
                        PathPatternRequestMatcher.pathPattern("/api/**"),
                        PathPatternRequestMatcher.pathPattern("/actuator/**"),
                        PathPatternRequestMatcher.pathPattern("/console"),
                        PathPatternRequestMatcher.pathPattern("/console/**"),
                        PathPatternRequestMatcher.pathPattern("/swagger-ui/**"),
                        // no operation has /API/…, but a caller sending a token there is told so, not sent
                        // to sign in on a page as the pages' chain would
                        DeniedOperations::isApiPath))
                .csrf(csrf -> csrf.disable())
                // a call from the console carries the signed-in browser's session cookie; a token
                // authenticating the call must not change that session's id, which signed out
                // whatever else the browser had in flight with the old one
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new OrRequestMatcher(
                                PathPatternRequestMatcher.pathPattern(GET, "/console/**"),
                                PathPatternRequestMatcher.pathPattern(GET, "/swagger-ui/**")),
                        new StaticHeadersWriter("Content-Security-Policy", CONSOLE_POLICY))))
                .addFilterBefore(new BearerTokenFilter(bearer), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> ProblemWriter.write(
                                request,
                                response,
                                HttpServletResponse.SC_UNAUTHORIZED,
                                "Unauthorized",
                                "Send an API token as 'Authorization: Bearer <token>'."))
                        .accessDeniedHandler(new DeniedOperations(new ServedOperations(mappings))))
                .authorizeHttpRequests(auth -> auth.requestMatchers(GET, "/actuator/health/**", "/actuator/health")
                        .permitAll()
                        // the console's page and scripts hold no data and a browser cannot send a token
                        // on a page load; the page asks for a token and sends it on every call
                        .requestMatchers(GET, "/console", "/console/**", "/swagger-ui/**")
                        .permitAll()
                        // what the console loads first: the address of the document, nothing more
                        .requestMatchers(GET, "/api/v1/openapi/swagger-config")
                        .permitAll()
                        // the description of every operation: for token holders only
                        .requestMatchers(GET, "/api/v1/openapi", "/api/v1/openapi.yaml")
                        .authenticated()
                        // which methods a path takes (the Allow header) is what the description already tells
                        .requestMatchers(OPTIONS, "/api/**")
                        .authenticated()
                        // a Prometheus scraper needs a token that reads and changes nothing else: an auditor's
                        .requestMatchers(GET, "/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**")
                        .hasAnyRole(ADMIN, AUDITOR)
                        .requestMatchers("/actuator/**")
                        .hasRole(ADMIN)
                        // directory
                        .requestMatchers(POST, "/api/v1/users/*/tokens")
                        .authenticated()
                        .requestMatchers(GET, "/api/v1/users/*/tokens")
                        .authenticated()
                        .requestMatchers(DELETE, "/api/v1/users/*/tokens", "/api/v1/users/*/tokens/*")
                        .authenticated()
                        // delegations: whose a caller may manage is the rule of Delegations (the user or an admin;
                        // UserOwned), as for tokens and subscriptions; a role that cannot approve is
                        // refused there (409) when it delegates
                        .requestMatchers(GET, "/api/v1/users/*/delegations")
                        .authenticated()
                        .requestMatchers(POST, "/api/v1/users/*/delegations")
                        .authenticated()
                        .requestMatchers(DELETE, "/api/v1/users/*/delegations/*")
                        .authenticated()
                        .requestMatchers(GET, "/api/v1/users/*")
                        .authenticated()
                        .requestMatchers(GET, "/api/v1/users")
                        .hasAnyRole(ADMIN, AUDITOR)
                        .requestMatchers(POST, "/api/v1/users")
                        .hasRole(ADMIN)
                        // whose password a caller may change is the rule of Passwords
                        .requestMatchers(PUT, "/api/v1/users/*/password")
                        .authenticated()
                        .requestMatchers(PUT, "/api/v1/users/*")
                        .hasRole(ADMIN)
                        .requestMatchers(DELETE, "/api/v1/users/*")
                        .hasRole(ADMIN)
                        .requestMatchers(GET, "/api/v1/levels")
                        .authenticated()
                        .requestMatchers(PUT, "/api/v1/levels")
                        .hasRole(ADMIN)
                        .requestMatchers(GET, "/api/v1/groups", "/api/v1/groups/*")
                        .hasAnyRole(ADMIN, AUDITOR)
                        .requestMatchers(POST, "/api/v1/groups")
                        .hasRole(ADMIN)
                        .requestMatchers(PUT, "/api/v1/groups/*")
                        .hasRole(ADMIN)
                        .requestMatchers(DELETE, "/api/v1/groups/*")
                        .hasRole(ADMIN)
                        // inventory
                        .requestMatchers(GET, "/api/v1/resources", "/api/v1/resources/*")
                        .hasAnyRole(ADMIN, AUDITOR)
                        .requestMatchers(POST, "/api/v1/resources")
                        .hasRole(ADMIN)
                        .requestMatchers(PUT, "/api/v1/resources/*")
                        .hasRole(ADMIN)
                        .requestMatchers(DELETE, "/api/v1/resources/*")
                        .hasRole(ADMIN)
                        .requestMatchers(POST, "/api/v1/import")
                        .hasRole(ADMIN)
                        .requestMatchers(GET, "/api/v1/export")
                        .hasRole(ADMIN)
                        // policies
                        .requestMatchers(POST, "/api/v1/policies/explain")
                        .authenticated()
                        .requestMatchers(GET, "/api/v1/policies", "/api/v1/policies/*")
                        .hasAnyRole(ADMIN, AUDITOR)
                        .requestMatchers(POST, "/api/v1/policies")
                        .hasRole(ADMIN)
                        .requestMatchers(PUT, "/api/v1/policies/*")
                        .hasRole(ADMIN)
                        .requestMatchers(DELETE, "/api/v1/policies/*")
                        .hasRole(ADMIN)
                        // requests: who may see or decide a given request is the request module's rule
                        .requestMatchers(POST, "/api/v1/requests")
                        .hasAnyRole(ADMIN, USER, ENFORCER)
                        .requestMatchers(GET, "/api/v1/requests", "/api/v1/requests/*")
                        .authenticated()
                        .requestMatchers(POST, "/api/v1/requests/*/approve", "/api/v1/requests/*/reject")
                        .hasAnyRole(ADMIN, USER)
                        .requestMatchers(POST, "/api/v1/requests/*/review")
                        .hasAnyRole(ADMIN, USER)
                        .requestMatchers(GET, "/api/v1/breakglass")
                        .hasAnyRole(ADMIN, AUDITOR, USER)
                        .requestMatchers(POST, "/api/v1/requests/*/cancel")
                        .hasAnyRole(ADMIN, USER)
                        // grants and enforcement
                        .requestMatchers(GET, "/api/v1/grants", "/api/v1/grants/*")
                        .hasAnyRole(ADMIN, AUDITOR, USER)
                        .requestMatchers(POST, "/api/v1/grants/*/revoke", "/api/v1/grants/*/extend")
                        .hasAnyRole(ADMIN, USER)
                        .requestMatchers(GET, AccessCheckCallers.PATH)
                        .hasAnyRole(AccessCheckCallers.roles())
                        // webhooks
                        .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**")
                        .hasRole(ADMIN)
                        // notifications: whose subscriptions a user may see is the notify module's rule
                        .requestMatchers(GET, "/api/v1/users/*/subscriptions")
                        .authenticated()
                        .requestMatchers(PUT, "/api/v1/users/*/subscriptions")
                        .authenticated()
                        // chat links: the user or an administrator for them (the chat module's rule)
                        .requestMatchers(GET, "/api/v1/users/*/chat-links")
                        .authenticated()
                        .requestMatchers(POST, "/api/v1/users/*/chat-links")
                        .authenticated()
                        .requestMatchers(DELETE, "/api/v1/users/*/chat-links/*")
                        .authenticated()
                        .requestMatchers(GET, "/api/v1/settings/subscriptions")
                        .hasAnyRole(ADMIN, AUDITOR)
                        .requestMatchers(PUT, "/api/v1/settings/subscriptions")
                        .hasRole(ADMIN)
                        .requestMatchers("/api/v1/notifications/**")
                        .hasRole(ADMIN)
                        .requestMatchers(GET, "/api/v1/requests/*/notifications")
                        .authenticated()

                        // mail settings
                        .requestMatchers("/api/v1/settings/mail", "/api/v1/settings/mail/test")
                        .hasRole(ADMIN)
                        // chat channels
                        .requestMatchers("/api/v1/channels", "/api/v1/channels/**")
                        .hasRole(ADMIN)
                        // audit
                        .requestMatchers(
                                GET,
                                "/api/v1/audit",
                                "/api/v1/audit/verify",
                                "/api/v1/audit/export",
                                "/api/v1/audit/checkpoints",
                                "/api/v1/audit/checkpoints/key")
                        .hasAnyRole(ADMIN, AUDITOR)
                        .anyRequest()
                        .denyAll());
        return http.build();
    }

    /**
     * Decision links from mail: the action token in the address is the credential, so these two paths
     * need no bearer token, no session and no CSRF token (a forger would need the action token itself;
     * see the page's controller), and OPTIONS names the methods they take, as on every other path: that
     * answer reads no token, so it tells nothing of one and uses nothing. Everything else under
     * {@code /actions} is refused.
     */
    @Bean
    @Order(2)
    SecurityFilterChain actionLinks(HttpSecurity http) throws Exception {
        http.securityMatcher("/actions/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(auth -> auth.requestMatchers(GET, "/actions/*")
                        .permitAll()
                        .requestMatchers(POST, "/actions/*")
                        .permitAll()
                        // which methods a link takes: what the README already says, to anyone
                        .requestMatchers(OPTIONS, "/actions/*")
                        .permitAll()
                        .anyRequest()
                        .denyAll());
        return http.build();
    }

    /**
     * Chat platforms calling back: each handler checks the platform's own secret, so these POSTs need
     * no bearer token, no session and no CSRF token, and OPTIONS names the methods they take, as on every
     * other path. Everything else under {@code /chat} is refused, as
     * a method or path nothing serves ({@link ChatCallbackAddresses}).
     */
    @Bean
    @Order(3)
    SecurityFilterChain chatCallbacks(HttpSecurity http) throws Exception {
        ChatCallbackAddresses unserved = new ChatCallbackAddresses();
        http.securityMatcher("/chat/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(unserved).accessDeniedHandler(unserved))
                .authorizeHttpRequests(auth -> auth.requestMatchers(POST, ChatCallbackAddresses.PATHS)
                        .permitAll()
                        // which methods the address takes: what the README already says, to anyone
                        .requestMatchers(OPTIONS, ChatCallbackAddresses.PATHS)
                        .permitAll()
                        .anyRequest()
                        .denyAll());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PreHashedBcrypt.delegating();
    }
}
