package io.countersign.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>}; a presented but unknown token is refused outright,
 * and so is a request with more than one {@code Authorization} header.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final SecurityContextRepository CALLERS = new RequestAttributeSecurityContextRepository();

    private final BearerAuthentication bearer;

    BearerTokenFilter(BearerAuthentication bearer) {
        this.bearer = bearer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> headers = Collections.list(request.getHeaders("Authorization"));
        if (headers.size() > 1) {
            // which credential counts would depend on the order proxies kept: none does
            ProblemWriter.write(
                    request,
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    "Bad Request",
                    "Send one Authorization header; this request has " + headers.size() + ".");
            return;
        }
        String header = headers.isEmpty() ? null : headers.get(0);
        if (!BearerAuthentication.presentsToken(header)) {
            chain.doFilter(request, response);
            return;
        }
        var authenticated = bearer.authenticate(header);
        if (authenticated.isEmpty()) {
            ProblemWriter.write(
                    request,
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "Unauthorized",
                    "The API token is unknown or expired.");
            return;
        }
        CountersignPrincipal principal = authenticated.get().principal();
        var authentication = new UsernamePasswordAuthenticationToken(
                principal, null, List.of(new SimpleGrantedAuthority("ROLE_" + principal.role())));
        // which token it was, and when it expires: tokens it mints may not outlive it
        authentication.setDetails(authenticated.get());
        SecurityContext context =
                SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        // an async dispatch (the answer of a long poll) skips this filter and is authorised again:
        // the context kept on the request lets it pass as the same caller
        CALLERS.saveContext(context, request, response);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.getContextHolderStrategy().clearContext();
        }
    }
}
