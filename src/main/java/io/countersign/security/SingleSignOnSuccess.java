package io.countersign.security;

import io.countersign.shared.Channel;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Settles who a person the provider vouched for is, once Spring Security has checked everything it
 * checks: only then is the user matched, created when configured, and given the groups the provider
 * lists ({@link SingleSignOnAccounts}), so that a sign-in that fails on the way changes no user or
 * group. A refusal leaves the session without anyone signed in and goes back to the sign-in page as any
 * failure does. Otherwise the provider's authentication in the session is replaced with a {@link
 * SingleSignOnAuthentication}, so that the session holds a {@link CountersignPrincipal} exactly as after
 * a password sign-in, and goes on to the page this sign-in was begun for ({@link PendingSignIns#pageOf}),
 * which is not always the page the browser last asked for: another tab may have asked for one since.
 * The sign-in is audited as a password sign-in is.
 */
final class SingleSignOnSuccess implements AuthenticationSuccessHandler {

    private final SecurityContextRepository contexts;
    private final SingleSignOnAccounts accounts;
    private final SessionStamps stamps;
    private final SignInAudit audit;
    private final AuthenticationFailureHandler failure;
    private final RedirectStrategy redirects = new DefaultRedirectStrategy();

    SingleSignOnSuccess(
            SecurityContextRepository contexts,
            SingleSignOnAccounts accounts,
            SessionStamps stamps,
            SignInAudit audit,
            AuthenticationFailureHandler failure) {
        this.contexts = contexts;
        this.accounts = accounts;
        this.stamps = stamps;
        this.audit = audit;
        this.failure = failure;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        if (!(authentication instanceof OAuth2AuthenticationToken token
                && token.getPrincipal() instanceof SignedInPerson person)) {
            throw new InternalAuthenticationServiceException("Single sign-on gave no Countersign user");
        }
        // Spring Security has already kept the provider's authentication in the session: nobody is signed
        // in by it unless all that follows succeeds
        var holder = SecurityContextHolder.getContextHolderStrategy();
        holder.clearContext();
        contexts.saveContext(holder.createEmptyContext(), request, response);
        String sourceAddress = ClientAddress.of(request.getRemoteAddr());
        var identity = person.identity();
        var outcome = accounts.signIn(identity, sourceAddress);
        String detail = outcome.describe(identity);
        if (outcome.refusal() != null) {
            failure.onAuthenticationFailure(request, response, SingleSignOnUsers.refused(outcome.refusal(), detail));
            return;
        }
        var user = outcome.user();
        var principal = new CountersignPrincipal(user.username(), user.role(), Channel.WEB);
        stamps.stampSingleSignOn(request, principal.username());
        var signedIn = new SingleSignOnAuthentication(principal, person.getIdToken(), token.getDetails());
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(signedIn);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        audit.signedIn(principal, sourceAddress, SignedIn.Method.SINGLE_SIGN_ON, detail);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        }
        redirects.sendRedirect(request, response, PendingSignIns.pageOf(request));
    }
}
