package io.countersign.security;

import io.countersign.shared.Channel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.stereotype.Component;

/**
 * Ties a page session signed in with a password to that password: once it is changed or reset, every
 * other session of the user is signed out on its next page ({@link SignedInUserCheck}), as someone who
 * changes a password they think was seen expects. The session that changed its own password is kept.
 * Sessions from single sign-on carry no stamp; the provider decides those.
 */
@Component
public class PasswordSessions implements SessionAuthenticationStrategy {

    private static final String STAMP = PasswordSessions.class.getName() + ".stamp";

    private final LocalCredentials credentials;

    PasswordSessions(LocalCredentials credentials) {
        this.credentials = credentials;
    }

    /** Called as a password sign-in succeeds, after the session got its new id. */
    @Override
    public void onAuthentication(
            Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        if (authentication.getPrincipal() instanceof CountersignPrincipal principal
                && principal.channel() == Channel.WEB) {
            stamp(request.getSession(), principal.username());
        }
    }

    /** The session of a person who just changed their own password stays signed in. */
    public void keep(HttpServletRequest request, String username) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(STAMP) != null) {
            stamp(session, username);
        }
    }

    /** False once the password the session was signed in with has been replaced. */
    boolean current(HttpSession session, String username) {
        Object stamp = session.getAttribute(STAMP);
        return stamp == null || Optional.of(stamp).equals(credentials.stamp(username));
    }

    private void stamp(HttpSession session, String username) {
        credentials
                .stamp(username)
                .ifPresentOrElse(stamp -> session.setAttribute(STAMP, stamp), () -> session.removeAttribute(STAMP));
    }
}
