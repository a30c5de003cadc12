package io.countersign.security;

import io.countersign.directory.Users;
import io.countersign.shared.Channel;
import io.countersign.shared.Names;
import io.countersign.shared.database.BoundedDatabaseCalls;
import io.countersign.shared.database.DatabaseUnavailableException;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Signs a person in to the pages with their local password. A client address or a username with too
 * many recent failures is refused before the password is even checked, so that a correct guess during
 * a lockout gains nothing; each try is counted before its password is checked ({@link SignInAttempts}),
 * so guesses sent at once get no further than guesses sent one after another. Every refusal and every sign-in is logged and audited ({@link SignInAudit}).
 * The signed-in principal acts through the {@link Channel#WEB} channel.
 *
 * <p>Every database call it makes is a bounded call, as a signed-in page's check is ({@link
 * SignedInUserCheck}): while the database is out of reach the form is answered 503 within that bound,
 * never after the pool's wait, and never as a wrong password that would count against the user. The
 * password itself is compared outside the bound, which holds the database calls only.
 */
class PasswordSignIn implements AuthenticationProvider {

    private static final String WRONG = "Wrong username or password";

    private final DaoAuthenticationProvider passwords;
    private final SignInAttempts attempts;
    private final Users users;
    private final SignInAudit audit;
    private final BoundedDatabaseCalls calls;

    PasswordSignIn(
            LocalUserDetailsService details,
            PasswordEncoder encoder,
            SignInAttempts attempts,
            Users users,
            SignInAudit audit,
            BoundedDatabaseCalls calls) {
        this.passwords =
                new DaoAuthenticationProvider(username -> calls.call(() -> details.loadUserByUsername(username)));
        this.passwords.setPasswordEncoder(encoder);
        // told apart for the audit only: every one of them reaches the person as the same BadCredentials
        this.passwords.setHideUserNotFoundExceptions(false);
        this.attempts = attempts;
        this.users = users;
        this.audit = audit;
        this.calls = calls;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String typed = typedUsername(authentication);
        String username = Names.canonical(typed);
        String source = sourceOf(authentication);
        if (!Names.isValid(username)) {
            // no user has such a name (too long, or a character no name takes), so no lockout can concern
            // it, nor may it count against the user whose name it starts with; and a NUL byte must not
            // reach the database
            bounded(() -> audit.refused(typed, null, PasswordRefusal.NOT_A_USERNAME, source));
            throw new BadCredentialsException(WRONG);
        }
        SignInAttempts.Attempt attempt = calls.call(() -> attempts.begin(username, source));
        if (attempt.verdict() == SignInAttempts.Verdict.THROTTLED) {
            bounded(() -> audit.refused(typed, username, PasswordRefusal.THROTTLED, source));
            throw new SignInThrottled();
        }
        if (attempt.verdict() == SignInAttempts.Verdict.LOCKED) {
            bounded(() -> audit.refused(typed, username, PasswordRefusal.LOCKED, source));
            throw new LockedException("Too many failed sign-ins");
        }
        Authentication checked;
        try {
            checked = passwords.authenticate(
                    new UsernamePasswordAuthenticationToken(username, authentication.getCredentials()));
        } catch (AuthenticationException failed) {
            if (BoundedDatabaseCalls.isUnavailability(failed)) {
                // the user could not be read, which says nothing of the password: answered 503, and not
                // counted once the database lets the try be taken back
                bounded(() -> attempts.takeBack(attempt));
                throw new DatabaseUnavailableException("the user signing in could not be read", failed);
            }
            bounded(() -> {
                attempts.failed(attempt, source);
                audit.refused(typed, username, PasswordRefusal.of(failed), source);
            });
            throw new BadCredentialsException(WRONG);
        }
        CountersignPrincipal principal = calls.call(() -> {
            attempts.succeeded(attempt);
            var user = users.find(checked.getName()).orElseThrow(() -> new BadCredentialsException("Unknown user"));
            var signedInAs = new CountersignPrincipal(user.username(), user.role(), Channel.WEB);
            audit.signedIn(signedInAs, source, SignedIn.Method.PASSWORD, null);
            return signedInAs;
        });
        var signedIn = UsernamePasswordAuthenticationToken.authenticated(
                principal, null, List.of(new SimpleGrantedAuthority("ROLE_" + principal.role())));
        signedIn.setDetails(authentication.getDetails());
        return signedIn;
    }

    /** Database work whose answer is not needed, held to the same bound as the rest. */
    private void bounded(Runnable work) {
        calls.call(() -> {
            work.run();
            return null;
        });
    }

    private static String typedUsername(Authentication authentication) {
        if (authentication.getDetails() instanceof SignInFormDetails form && form.typedUsername() != null) {
            return form.typedUsername();
        }
        return authentication.getName() == null ? "" : authentication.getName();
    }

    private static String sourceOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? ClientAddress.of(details.getRemoteAddress())
                : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
