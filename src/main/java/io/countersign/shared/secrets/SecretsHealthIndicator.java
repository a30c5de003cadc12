package io.countersign.shared.secrets;

import io.countersign.shared.database.DatabaseUnavailableException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code secrets}: DOWN, with the count and its kinds, while stored secrets exist
 * that this instance's key cannot decrypt, the sign of instances sharing a database with different
 * keys.
 *
 * <p>It belongs to the overall health only, not to liveness (restarting does not change a key) nor
 * to readiness (an unreadable webhook secret is no reason to stop answering access checks; and when
 * another instance wrote it with the wrong key, every correct instance would otherwise drop out too).
 */
@Component("secrets")
class SecretsHealthIndicator implements HealthIndicator {

    private final StoredSecrets secrets;

    SecretsHealthIndicator(StoredSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public Health health() {
        StoredSecrets.Readability readability;
        try {
            readability = secrets.read();
        } catch (DatabaseUnavailableException e) {
            return Health.unknown().withDetail("reason", e.getMessage()).build();
        }
        int unreadable = readability.undecryptableCount();
        Health.Builder health = unreadable == 0 ? Health.up() : Health.down();
        health.withDetail("stored", readability.stored()).withDetail("undecryptable", unreadable);
        if (unreadable > 0) {
            health.withDetail("undecryptableKinds", readability.undecryptable())
                    .withDetail(
                            "hint",
                            "this instance's encryption key differs from the one that stored them; every instance"
                                    + " sharing the database must use the same COUNTERSIGN_ENCRYPTION_KEY");
        }
        return health.build();
    }
}
