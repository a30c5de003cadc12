package io.countersign.security;

import io.countersign.shared.Channel;
import io.countersign.shared.database.BoundedDatabaseCalls;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.stereotype.Component;

/**
 * Stamps a page session, as it is signed in, with what must not change under it, and tells {@link
 * SignedInUserCheck} once it has: the user's session generation ({@link SessionGenerations}), which a
 * deactivation, a deletion or another tool role raises, and for a password sign-in that password. Once
 * either changes, the session is signed out on its next page for good, on whichever instance holds it:
 * undoing the change gives it no access back. A password changed or reset signs out the user's other
 * sessions, as someone who changes a password they think was seen expects; the session that changed its
 * own password is kept. Sessions from single sign-on carry no password stamp; the provider decides those.
 */
@Component
public class SessionStamps implements SessionAuthenticationStrategy {

    private static final String GENERATION = SessionStamps.class.getName() + ".generation";
    private static final String PASSWORD = SessionStamps.class.getName() + ".password";

    private final SessionGenerations generations;
    private final LocalCredentials credentials;
    private final BoundedDatabaseCalls calls;

    SessionStamps(SessionGenerations generations, LocalCredentials credentials, BoundedDatabaseCalls calls) {
        this.generations = generations;
        this.credentials = credentials;
        this.calls = calls;
    }

    /**
     * Called as a sign-in succeeds, after the session got its new id: a password sign-in is stamped here,
     * one through the provider later, with {@link #stampSingleSignOn}. Its reads are bounded calls as the rest of a sign-in's are: the database gone meanwhile answers 503.
     */
    @Override
    public void onAuthentication(
            Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        if (authentication.getPrincipal() instanceof CountersignPrincipal principal
                && principal.channel() == Channel.WEB) {
            String username = principal.username();
            long generation = calls.call(() -> generations.of(username));
            Optional<String> password = calls.call(() -> credentials.stamp(username));
            HttpSession session = request.getSession();
            session.setAttribute(GENERATION, generation);
            password.ifPresentOrElse(
                    stamp -> session.setAttribute(PASSWORD, stamp), () -> session.removeAttribute(PASSWORD));
        }
    }

    /**
     * Stamps a session signed in through the provider, once its user is known ({@link
     * SingleSignOnSuccess}): with the generation only, as the provider and not a password vouches for it.
     */
    void stampSingleSignOn(HttpServletRequest request, String username) {
        long generation = calls.call(() -> generations.of(username));
        HttpSession session = request.getSession();
        session.setAttribute(GENERATION, generation);
        session.removeAttribute(PASSWORD);
    }

    /** The session of a person who just changed their own password stays signed in. */
    public void keep(HttpServletRequest request, String username) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(PASSWORD) != null) {
            stampPassword(session, username);
        }
    }

    /**
     * False once the user's generation has been raised, or the password the session was signed in with
     * replaced, since; and for a signed-in session with no stamp at all, which no sign-in here gave.
     */
    boolean current(HttpSession session, String username) {
        Object generation = session.getAttribute(GENERATION);
        Object password = session.getAttribute(PASSWORD);
        return generation != null
                && Objects.equals(generation, generations.of(username))
                && (password == null || Optional.of(password).equals(credentials.stamp(username)));
    }

    private void stampPassword(HttpSession session, String username) {
        credentials
                .stamp(username)
                .ifPresentOrElse(
                        stamp -> session.setAttribute(PASSWORD, stamp), () -> session.removeAttribute(PASSWORD));
    }
}
