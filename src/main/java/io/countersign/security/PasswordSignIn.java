package io.countersign.security;

import io.countersign.directory.Users;
import io.countersign.shared.Channel;
import io.countersign.shared.Names;
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
 * a lockout gains nothing. Every refusal and every sign-in is logged and audited ({@link SignInAudit}).
 * The signed-in principal acts through the {@link Channel#WEB} channel.
 */
class PasswordSignIn implements AuthenticationProvider {

    private static final String WRONG = "Wrong username or password";

    private final DaoAuthenticationProvider passwords;
    private final SignInAttempts attempts;
    private final Users users;
    private final SignInAudit audit;

    PasswordSignIn(
            LocalUserDetailsService details,
            PasswordEncoder encoder,
            SignInAttempts attempts,
            Users users,
            SignInAudit audit) {
        this.passwords = new DaoAuthenticationProvider(details);
        this.passwords.setPasswordEncoder(encoder);
        // told apart for the audit only: every one of them reaches the person as the same BadCredentials
        this.passwords.setHideUserNotFoundExceptions(false);
        this.attempts = attempts;
        this.users = users;
        this.audit = audit;
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
            audit.refused(typed, null, PasswordRefusal.NOT_A_USERNAME, source);
            throw new BadCredentialsException(WRONG);
        }
        if (attempts.isThrottled(source)) {
            audit.refused(typed, username, PasswordRefusal.THROTTLED, source);
            throw new SignInThrottled();
        }
        if (attempts.isLocked(username)) {
            audit.refused(typed, username, PasswordRefusal.LOCKED, source);
            throw new LockedException("Too many failed sign-ins");
        }
        Authentication checked;
        try {
            checked = passwords.authenticate(
                    new UsernamePasswordAuthenticationToken(username, authentication.getCredentials()));
        } catch (AuthenticationException failed) {
            attempts.recordFailure(username, source);
            audit.refused(typed, username, PasswordRefusal.of(failed), source);
            throw new BadCredentialsException(WRONG);
        }
        attempts.clear(username);
        var user = users.find(checked.getName()).orElseThrow(() -> new BadCredentialsException("Unknown user"));
        var principal = new CountersignPrincipal(user.username(), user.role(), Channel.WEB);
        var signedIn = UsernamePasswordAuthenticationToken.authenticated(
                principal, null, List.of(new SimpleGrantedAuthority("ROLE_" + user.role())));
        signedIn.setDetails(authentication.getDetails());
        audit.signedIn(principal, source, SignedIn.Method.PASSWORD, null);
        return signedIn;
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
