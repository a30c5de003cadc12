package io.countersign.security;

import io.countersign.shared.CallerGoneException;
import io.countersign.shared.database.DatabaseUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>}; a presented but unknown token is refused outright,
 * and so is a request with more than one {@code Authorization} header. Not on the open probes: a probe
 * configured with a token revoked since must not fail and get a healthy instance restarted or taken out
 * of rotation. Liveness ignores the header (and so never waits on the database for a token); readiness
 * takes a valid token (an administrator's shows what it waits for) and answers any other as if none
 * was sent.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final SecurityContextRepository CALLERS = new RequestAttributeSecurityContextRepository();
    private static final RequestMatcher LIVENESS = PathPatternRequestMatcher.pathPattern("/actuator/health/liveness");
    private static final RequestMatcher READINESS = PathPatternRequestMatcher.pathPattern("/actuator/health/readiness");

    private final BearerAuthentication bearer;

    BearerTokenFilter(BearerAuthentication bearer) {
        this.bearer = bearer;
    }

    /**
     * The answer of a long poll is written by an async dispatch, up to a minute after the call was
     * authenticated: the token is checked again then, so that one revoked, or whose user was
     * deactivated or given another role meanwhile, gets the refusal a fresh call would, not the answer.
     */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return LIVENESS.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> headers = Collections.list(request.getHeaders("Authorization"));
        boolean readiness = READINESS.matches(request);
        if (headers.size() > 1 && readiness) {
            chain.doFilter(request, response);
            return;
        }
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
        // a streamed download has written its answer before its dispatch: nothing is left to withhold
        boolean answered = isAsyncDispatch(request) && response.isCommitted();
        if (!BearerAuthentication.presentsToken(header) || answered) {
            chain.doFilter(request, response);
            return;
        }
        var authenticated = readiness ? probing(header) : bearer.authenticate(header);
        if (authenticated.isEmpty() && readiness) {
            chain.doFilter(request, response);
            return;
        }
        if (authenticated.isEmpty()) {
            response.resetBuffer();
            ProblemWriter.write(
                    request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", CallerGoneException.DETAIL);
            return;
        }
        CountersignPrincipal principal = authenticated.get().principal();
        if (isAsyncDispatch(request) && !principal.equals(callerOf(request))) {
            // the answer was read with the rights the call began with, which the user no longer has
            response.resetBuffer();
            ProblemWriter.write(
                    request,
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "Unauthorized",
                    "The API token's user was given another role while this call waited; ask again.");
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(
                principal, null, List.of(new SimpleGrantedAuthority("ROLE_" + principal.role())));
        // which token it was, and when it expires: tokens it mints may not outlive it
        authentication.setDetails(authenticated.get());
        SecurityContext context =
                SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        // a streamed download's async dispatch passes above and is authorised again: the context kept
        // on the request lets it pass as the same caller
        CALLERS.saveContext(context, request, response);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.getContextHolderStrategy().clearContext();
        }
    }

    // an unreachable database is what readiness is there to report, not a reason to refuse the probe
    private Optional<AuthenticatedToken> probing(String header) {
        try {
            return bearer.authenticate(header);
        } catch (DatabaseUnavailableException e) {
            return Optional.empty();
        }
    }

    /** Who the call was authenticated as when it began, kept on the request for its async dispatch. */
    private static Object callerOf(HttpServletRequest request) {
        var authentication = CALLERS.loadDeferredContext(request).get().getAuthentication();
        return authentication == null ? null : authentication.getPrincipal();
    }
}
