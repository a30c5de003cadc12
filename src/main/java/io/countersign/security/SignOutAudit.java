package io.countersign.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * Audits Sign out by the person who held the session, before the session ends; a sign-out without a
 * signed-in session ends nothing and records nothing.
 */
final class SignOutAudit implements LogoutHandler {

    private final SignInAudit audit;

    SignOutAudit(SignInAudit audit) {
        this.audit = audit;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof CountersignPrincipal principal)) {
            return;
        }
        SignedIn.Method method = authentication instanceof SingleSignOnAuthentication
                ? SignedIn.Method.SINGLE_SIGN_ON
                : SignedIn.Method.PASSWORD;
        audit.signedOut(principal, ClientAddress.of(request.getRemoteAddr()), method);
    }
}
