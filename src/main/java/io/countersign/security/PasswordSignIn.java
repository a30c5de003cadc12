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
 * Signs a person in to the pages with their local password. A username with too many recent failures
 * is refused before the password is even checked, so that a correct guess during a lockout gains
 * nothing. The signed-in principal acts through the {@link Channel#WEB} channel.
 */
class PasswordSignIn implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final SignInAttempts attempts;
    private final Users users;

    PasswordSignIn(LocalUserDetailsService details, PasswordEncoder encoder, SignInAttempts attempts, Users users) {
        this.passwords = new DaoAuthenticationProvider(details);
        this.passwords.setPasswordEncoder(encoder);
        this.attempts = attempts;
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String typed = Names.canonical(authentication.getName() == null ? "" : authentication.getName());
        // a username is at most 128 characters: longer input counts against its first 128
        String username = typed.length() > 128 ? typed.substring(0, 128) : typed;
        if (!Names.isValid(username)) {
            // no user has such a name, so no lockout can concern it; and a NUL byte must not reach the database
            throw new BadCredentialsException("Wrong username or password");
        }
        if (attempts.isLocked(username)) {
            throw new LockedException("Too many failed sign-ins");
        }
        Authentication checked;
        try {
            checked = passwords.authenticate(
                    new UsernamePasswordAuthenticationToken(username, authentication.getCredentials()));
        } catch (AuthenticationException failed) {
            attempts.recordFailure(username, sourceOf(authentication));
            throw new BadCredentialsException("Wrong username or password");
        }
        attempts.clear(username);
        var user = users.find(checked.getName()).orElseThrow(() -> new BadCredentialsException("Unknown user"));
        var principal = new CountersignPrincipal(user.username(), user.role(), Channel.WEB);
        var signedIn = UsernamePasswordAuthenticationToken.authenticated(
                principal, null, List.of(new SimpleGrantedAuthority("ROLE_" + user.role())));
        signedIn.setDetails(authentication.getDetails());
        return signedIn;
    }

    private static String sourceOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
