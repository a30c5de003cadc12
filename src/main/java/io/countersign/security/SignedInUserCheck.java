package io.countersign.security;

import io.countersign.directory.User;
import io.countersign.directory.Users;
import io.countersign.shared.Channel;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session outlives what it was opened with: a user deactivated, deleted or given another tool role
 * since signing in, even if that was undone since, or whose password was changed elsewhere ({@link
 * SessionStamps}), or whose single sign-on session the provider has ended ({@link ProviderSignOuts}),
 * is signed out on their next page, instead of acting on as before.
 */
class SignedInUserCheck extends OncePerRequestFilter {

    private final Users users;
    private final SessionStamps stamps;
    private final ProviderSignOuts providerSignOuts;
    private final SignInAudit audit;

    SignedInUserCheck(Users users, SessionStamps stamps, ProviderSignOuts providerSignOuts, SignInAudit audit) {
        this.users = users;
        this.stamps = stamps;
        this.providerSignOuts = providerSignOuts;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof CountersignPrincipal principal
                && principal.channel() == Channel.WEB
                && !stillValid(principal, request.getSession(false))) {
            end(request);
        } else if (authentication instanceof SingleSignOnAuthentication signedIn
                && providerSignOuts.covers(signedIn.idToken())) {
            end(request);
            audit.signedOutByProvider(signedIn.getPrincipal(), ClientAddress.of(request.getRemoteAddr()));
        }
        chain.doFilter(request, response);
    }

    private static void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    private boolean stillValid(CountersignPrincipal principal, HttpSession session) {
        return users.find(principal.username())
                        .filter(User::active)
                        .filter(user -> user.role() == principal.role())
                        .isPresent()
                && (session == null || stamps.current(session, principal.username()));
    }
}
