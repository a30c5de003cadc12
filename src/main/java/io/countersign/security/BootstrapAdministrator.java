package io.countersign.security;

import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.Role;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the administrator {@code admin} when the directory is empty, so that a fresh install can be
 * used at once. Generated secrets are printed once, here, and never stored in clear.
 */
@Component
class BootstrapAdministrator implements ApplicationRunner {

    static final String USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);

    private final Users users;
    private final ApiTokens tokens;
    private final LocalCredentials credentials;
    private final BootstrapProperties properties;
    private final TransactionTemplate transactions;
    private final Environment environment;
    private volatile boolean done;

    BootstrapAdministrator(
            Users users,
            ApiTokens tokens,
            LocalCredentials credentials,
            BootstrapProperties properties,
            TransactionTemplate transactions,
            Environment environment) {
        this.users = users;
        this.tokens = tokens;
        this.credentials = credentials;
        this.properties = properties;
        this.transactions = transactions;
        this.environment = environment;
    }

    /** True once the administrator exists, created here or by another instance sharing the database. */
    boolean done() {
        return done;
    }

    @Override
    public void run(ApplicationArguments args) {
        createIfEmpty();
        done = true;
    }

    private void createIfEmpty() {
        if (users.anyExist()) {
            return;
        }
        boolean generatedPassword = isBlank(properties.adminPassword());
        boolean generatedToken = isBlank(properties.adminToken());
        String password = generatedPassword ? randomSecret(18) : properties.adminPassword();
        String token = generatedToken ? "cs_" + randomSecret(32) : properties.adminToken();
        try {
            transactions.executeWithoutResult(tx -> {
                Actor system = Actor.system();
                String email = isBlank(properties.adminEmail()) ? "admin@localhost" : properties.adminEmail();
                users.create(system, new UserInput(USERNAME, email, "Administrator", null, null, Role.ADMIN, true));
                credentials.set(USERNAME, password);
                tokens.register(system, USERNAME, "bootstrap", token);
            });
        } catch (DataIntegrityViolationException | ConflictException raced) {
            // another instance sharing the database created the administrator first: the directory refuses
            // the name it took as taken, whether that instance committed before this one looked or after
            return;
        }
        log.warn(
                """

                ==========================================================================
                 Countersign created the first administrator.
                   username:  {}
                   password:  {}
                   API token: {}
                 Use it with:  curl -H 'Authorization: Bearer <token>' http://localhost:{}/api/v1/users/admin
                 These values are shown once and not stored in clear.
                ==========================================================================""",
                USERNAME,
                generatedPassword ? password : "(from COUNTERSIGN_BOOTSTRAP_ADMIN_PASSWORD)",
                generatedToken ? token : "(from COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN)",
                // the port the server listens on, which is not the configured one when that is 0
                environment.getProperty("local.server.port", "8080"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String randomSecret(int bytes) {
        byte[] secret = new byte[bytes];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
