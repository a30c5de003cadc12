package io.countersign.shared.secrets;

import io.countersign.shared.database.DatabaseUnavailableException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Says once, at start, that this instance's key cannot decrypt secrets stored with another one: the
 * instance starts and reports ready all the same (an access check needs none of them), so without this
 * the mistake would show only in the health component {@code secrets}. Names counts and kinds, never
 * a value.
 */
@Component
class UnreadableSecretsWarning {

    private static final Logger log = LoggerFactory.getLogger(UnreadableSecretsWarning.class);

    private final StoredSecrets secrets;

    UnreadableSecretsWarning(StoredSecrets secrets) {
        this.secrets = secrets;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warn() {
        StoredSecrets.Readability readability;
        try {
            readability = secrets.read();
        } catch (DatabaseUnavailableException | DataAccessException e) {
            // the database out of reach at start is what readiness reports; the health component checks again
            log.debug("Could not check the stored secrets at start", e);
            return;
        }
        int unreadable = readability.undecryptableCount();
        if (unreadable == 0) {
            return;
        }
        String kinds = readability.undecryptable().entrySet().stream()
                .map(kind -> kind.getKey() + ": " + kind.getValue())
                .collect(Collectors.joining(", "));
        log.warn(
                "{} of {} stored secrets cannot be decrypted with this instance's COUNTERSIGN_ENCRYPTION_KEY ({}):"
                        + " it is not the key that stored them. Until every instance sharing the database uses"
                        + " that key, webhook deliveries with those secrets go unsigned and fail, mail and chat"
                        + " with those passwords and tokens fail, and audit checkpoints are refused"
                        + " (health component 'secrets' is DOWN)",
                unreadable,
                readability.stored(),
                kinds);
    }
}
