package io.countersign.security;

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
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Replaces the provider's authentication in the session with a {@link SingleSignOnAuthentication}, so
 * that the session holds a {@link CountersignPrincipal} exactly as after a password sign-in, then goes
 * on to the page this sign-in was begun for ({@link PendingSignIns#pageOf}), which is not always the
 * page the browser last asked for: another tab may have asked for one since. The sign-in is audited as
 * a password sign-in is.
 */
final class SingleSignOnSuccess implements AuthenticationSuccessHandler {

    private final SecurityContextRepository contexts;
    private final SignInAudit audit;
    private final RedirectStrategy redirects = new DefaultRedirectStrategy();

    SingleSignOnSuccess(SecurityContextRepository contexts, SignInAudit audit) {
        this.contexts = contexts;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        if (!(authentication instanceof OAuth2AuthenticationToken token
                && token.getPrincipal() instanceof SignedInPerson person)) {
            throw new InternalAuthenticationServiceException("Single sign-on gave no Countersign user");
        }
        var signedIn = new SingleSignOnAuthentication(person.principal(), person.getIdToken(), token.getDetails());
        var holder = SecurityContextHolder.getContextHolderStrategy();
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(signedIn);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        audit.signedIn(
                person.principal(),
                ClientAddress.of(request.getRemoteAddr()),
                SignedIn.Method.SINGLE_SIGN_ON,
                person.match());
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        }
        redirects.sendRedirect(request, response, PendingSignIns.pageOf(request));
    }
}
