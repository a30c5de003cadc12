package io.countersign.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The methods the single sign-on addresses take, answered before Spring Security's filters see the
 * request: those match their path whatever the method, so an {@code OPTIONS} would start a sign-in and
 * a {@code POST} would be refused for its missing CSRF token as if the visitor's session had ended.
 * Another method is {@code 405} with {@code Allow}, as on any page; {@code OPTIONS} names the methods
 * to anyone, since the addresses are in the README and serve people not yet signed in.
 */
final class SingleSignOnAddresses extends OncePerRequestFilter {

    private static final Set<String> BROWSER = Set.of("GET", "HEAD", "OPTIONS");

    private static final Map<String, Set<String>> METHODS = Map.of(
            "/oauth2/authorization/" + ProviderRegistration.ID,
            BROWSER,
            "/login/oauth2/code/" + ProviderRegistration.ID,
            BROWSER,
            BackChannelLogoutRefusals.PATH,
            Set.of("OPTIONS", "POST"));

    /** The methods the request's address takes, or null when it is none of these. */
    static Set<String> methods(HttpServletRequest request) {
        Set<String> methods = METHODS.get(request.getServletPath());
        return methods == null ? null : new TreeSet<>(methods);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        Set<String> methods = METHODS.get(request.getServletPath());
        return methods == null || (methods.contains(request.getMethod()) && !"OPTIONS".equals(request.getMethod()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HttpHeaders.ALLOW, TakenMethods.allow(methods(request)));
        if (!"OPTIONS".equals(request.getMethod())) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }
}
