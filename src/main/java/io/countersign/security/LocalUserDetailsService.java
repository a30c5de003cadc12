package io.countersign.security;

import io.countersign.directory.Users;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Local password sign-in for users that have a password; inactive users cannot sign in. */
@Component
class LocalUserDetailsService implements UserDetailsService {

    private final Users users;
    private final LocalCredentials credentials;

    LocalUserDetailsService(Users users, LocalCredentials credentials) {
        this.users = users;
        this.credentials = credentials;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var user = users.find(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        String hash = credentials.hash(user.username()).orElseThrow(NoLocalPassword::new);
        return User.withUsername(user.username())
                .password(hash)
                .disabled(!user.active())
                .authorities(List.of(new SimpleGrantedAuthority("ROLE_" + user.role())))
                .build();
    }

    /** The user exists but signs in only through single sign-on. */
    static final class NoLocalPassword extends UsernameNotFoundException {

        NoLocalPassword() {
            super("no local password");
        }
    }
}
