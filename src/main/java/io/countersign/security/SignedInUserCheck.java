package io.countersign.security;

import io.countersign.directory.User;
import io.countersign.directory.Users;
import io.countersign.shared.Channel;
import io.countersign.shared.database.BoundedDatabaseCalls;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session outlives what it was opened with: a user deactivated, deleted or given another tool role
 * since signing in, even if that was undone since, or whose password was changed elsewhere ({@link
 * SessionStamps}), or whose single sign-on session the provider has ended ({@link ProviderSignOuts}),
 * is signed out on their next page, instead of acting on as before. A form sent from a page of that
 * session is not acted on: its sender is told so on the sign-in page ({@code /login?ended}).
 *
 * <p>This is the first thing every signed-in page reads from the database, so it is a bounded call as
 * the access check and token look-ups are: while the database is out of reach the page is refused with
 * 503 within the same bound, never after the pool's wait, and never let through unchecked. A check that
 * could not be made ends no session either; the page is simply refused until it can be.
 */
class SignedInUserCheck extends OncePerRequestFilter {

    /** What the check found: the session goes on, ends, or ends because the provider ended it. */
    private enum Verdict {
        VALID,
        ENDED,
        SIGNED_OUT_BY_PROVIDER
    }

    /** The methods that only read: a page asked for anew after its session ended needs no word. */
    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");

    private final RedirectStrategy redirects = new DefaultRedirectStrategy();
    private final Users users;
    private final SessionStamps stamps;
    private final ProviderSignOuts providerSignOuts;
    private final SignInAudit audit;
    private final BoundedDatabaseCalls calls;

    SignedInUserCheck(
            Users users,
            SessionStamps stamps,
            ProviderSignOuts providerSignOuts,
            SignInAudit audit,
            BoundedDatabaseCalls calls) {
        this.users = users;
        this.stamps = stamps;
        this.providerSignOuts = providerSignOuts;
        this.audit = audit;
        this.calls = calls;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        // a failed check throws before the page runs: the outage filter answers it 503
        Verdict verdict = verdict(authentication, request.getSession(false));
        if (verdict != Verdict.VALID) {
            end(request);
        }
        if (verdict == Verdict.SIGNED_OUT_BY_PROVIDER) {
            audit.signedOutByProvider(
                    ((SingleSignOnAuthentication) authentication).getPrincipal(),
                    ClientAddress.of(request.getRemoteAddr()));
        }
        if (verdict != Verdict.VALID && !READING.contains(request.getMethod())) {
            // a form sent from a page of the session just ended: say that it changed nothing, as for a
            // session that expired, rather than show a bare sign-in form its sender would take for success
            redirects.sendRedirect(request, response, "/login?ended");
            return;
        }
        chain.doFilter(request, response);
    }

    private Verdict verdict(Authentication authentication, HttpSession session) {
        boolean pageSession = authentication != null
                && authentication.getPrincipal() instanceof CountersignPrincipal principal
                && principal.channel() == Channel.WEB;
        if (!pageSession && !(authentication instanceof SingleSignOnAuthentication)) {
            // nobody signed in to a page: nothing to look up
            return Verdict.VALID;
        }
        return calls.call(() -> {
            if (pageSession && !stillValid((CountersignPrincipal) authentication.getPrincipal(), session)) {
                return Verdict.ENDED;
            }
            if (authentication instanceof SingleSignOnAuthentication signedIn
                    && providerSignOuts.covers(signedIn.idToken())) {
                return Verdict.SIGNED_OUT_BY_PROVIDER;
            }
            return Verdict.VALID;
        });
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
