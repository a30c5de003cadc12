package io.countersign.security;

import io.countersign.shared.Sha256;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Passwords for local sign-in, stored only as adaptive hashes. */
@Component
class LocalCredentials {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    LocalCredentials(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /**
     * What a session signed in with this password remembers of it: a digest of its stored hash, which
     * changes whenever the password is set, even to the same text (a new salt). Empty without a password.
     */
    Optional<String> stamp(String username) {
        return hash(username).map(Sha256::hex);
    }

    /** The stored hash of the user's password; empty for a user who signs in only through single sign-on. */
    Optional<String> hash(String username) {
        return jdbc.sql("select password_hash from local_credentials where username = ?")
                .param(username)
                .query(String.class)
                .optional();
    }

    void set(String username, String password) {
        String hash = encoder.encode(password);
        int updated = jdbc.sql("update local_credentials set password_hash = ? where username = ?")
                .params(hash, username)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into local_credentials (username, password_hash) values (?, ?)")
                    .params(username, hash)
                    .update();
        }
    }
}
