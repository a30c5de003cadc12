package io.countersign.security;

import io.countersign.directory.EmailAddresses;
import io.countersign.shared.Problems;
import io.countersign.shared.secrets.HiddenValueFailureAnalyzer;
import io.countersign.shared.settings.Setting;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator's credentials. Left empty, both are generated and printed once; set them
 * (COUNTERSIGN_BOOTSTRAP_ADMIN_PASSWORD, COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN) for unattended installs.
 * They are checked at every start, before the schema is migrated, even though they are used only on
 * an empty database: a value that would be refused there stops the start before anything is written.
 *
 * @param adminPassword password of the first administrator, 12 to 128 characters and no control
 *     characters, created only on an empty database (generated and printed once when unset)
 * @param adminToken API token of the first administrator, at least 24 characters (generated and
 *     printed once when unset)
 * @param adminEmail e-mail address of the first administrator (admin@localhost when unset)
 */
@ConfigurationProperties("countersign.bootstrap")
public record BootstrapProperties(String adminPassword, String adminToken, String adminEmail) {

    static final int MIN_TOKEN_LENGTH = 24;

    public BootstrapProperties {
        Setting password = Setting.of("countersign.bootstrap.admin-password");
        if (isSet(adminPassword)
                && (adminPassword.length() < Passwords.MIN_LENGTH || adminPassword.length() > Passwords.MAX_LENGTH)) {
            throw password.refused(
                    HiddenValueFailureAnalyzer.HIDDEN,
                    "must be " + Passwords.MIN_LENGTH + " to " + Passwords.MAX_LENGTH
                            + " characters long, as every user's password (it has " + adminPassword.length() + ")");
        }
        Problems characters = new Problems();
        if (isSet(adminPassword) && !Passwords.characters(characters, adminPassword, "password")) {
            throw password.refused(
                    HiddenValueFailureAnalyzer.HIDDEN,
                    characters.issues().get(0).message() + ", as every user's password");
        }
        if (isSet(adminToken) && adminToken.length() < MIN_TOKEN_LENGTH) {
            throw Setting.of("countersign.bootstrap.admin-token")
                    .refused(
                            HiddenValueFailureAnalyzer.HIDDEN,
                            "must have at least " + MIN_TOKEN_LENGTH + " characters (it has " + adminToken.length()
                                    + ")");
        }
        if (isSet(adminEmail) && !EmailAddresses.isValid(adminEmail.strip())) {
            throw Setting.of("countersign.bootstrap.admin-email")
                    .refused(adminEmail, "must be an e-mail address such as admin@example.com");
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
