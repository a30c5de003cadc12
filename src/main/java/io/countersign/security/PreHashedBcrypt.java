package io.countersign.security;

import io.countersign.shared.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt over the SHA-256 digest of the password (64 hex digits), stored as {@code {bcrypt-sha256}}.
 * bcrypt reads at most 72 bytes: Spring's encoder refuses longer passwords, and a plain bcrypt hash of
 * a 72-byte password would accept it with anything appended. The digest makes every password up to
 * the allowed 128 characters count in full; hex keeps NUL bytes, where bcrypt would stop, out of it.
 */
final class PreHashedBcrypt implements PasswordEncoder {

    static final String ID = "bcrypt-sha256";

    /** bcrypt reads no further than this many bytes of a password. */
    private static final int BCRYPT_MAX_BYTES = 72;

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    /**
     * New passwords are stored pre-hashed; hashes stored as plain {@code {bcrypt}} keep verifying, but
     * never for a password longer than bcrypt reads, since no such password could have been stored.
     */
    static PasswordEncoder delegating() {
        BCryptPasswordEncoder plain = new BCryptPasswordEncoder();
        PasswordEncoder legacy = new PasswordEncoder() {
            @Override
            public String encode(CharSequence password) {
                return plain.encode(password);
            }

            @Override
            public boolean matches(CharSequence password, String hash) {
                return password != null && bytes(password).length <= BCRYPT_MAX_BYTES && plain.matches(password, hash);
            }
        };
        return new DelegatingPasswordEncoder(ID, Map.of(ID, new PreHashedBcrypt(), "bcrypt", legacy));
    }

    @Override
    public String encode(CharSequence password) {
        return bcrypt.encode(digest(password));
    }

    @Override
    public boolean matches(CharSequence password, String hash) {
        return password != null && bcrypt.matches(digest(password), hash);
    }

    private static String digest(CharSequence password) {
        return Sha256.hex(password.toString());
    }

    private static byte[] bytes(CharSequence password) {
        return password.toString().getBytes(StandardCharsets.UTF_8);
    }
}
