package io.countersign.security;

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
