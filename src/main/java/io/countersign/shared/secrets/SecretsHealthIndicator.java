package io.countersign.shared.secrets;

import io.countersign.shared.database.BoundedDatabaseCalls;
import io.countersign.shared.database.DatabaseUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code secrets}: DOWN, with the count, while stored secrets exist that this
 * instance's key cannot decrypt, the sign of instances sharing a database with different keys.
 *
 * <p>It belongs to the overall health only, not to liveness (restarting does not change a key) nor
 * to readiness (an unreadable webhook secret is no reason to stop answering access checks; and when
 * another instance wrote it with the wrong key, every correct instance would otherwise drop out too).
 */
@Component("secrets")
class SecretsHealthIndicator implements HealthIndicator {

    private final SecretCipher cipher;
    private final List<SealedSecrets> stores;
    private final BoundedDatabaseCalls calls;

    SecretsHealthIndicator(SecretCipher cipher, List<SealedSecrets> stores, BoundedDatabaseCalls calls) {
        this.cipher = cipher;
        this.stores = stores;
        this.calls = calls;
    }

    @Override
    public Health health() {
        List<SealedSecrets.Sealed> all;
        try {
            all = calls.call(() -> {
                List<SealedSecrets.Sealed> sealed = new ArrayList<>();
                stores.forEach(store -> sealed.addAll(store.sealedSecrets()));
                return sealed;
            });
        } catch (DatabaseUnavailableException e) {
            return Health.unknown().withDetail("reason", e.getMessage()).build();
        }
        int unreadable = 0;
        for (SealedSecrets.Sealed sealed : all) {
            try {
                cipher.decrypt(sealed.ciphertext(), sealed.context());
            } catch (SecretCipher.UndecryptableSecretException e) {
                unreadable++;
            }
        }
        Health.Builder health = unreadable == 0 ? Health.up() : Health.down();
        health.withDetail("stored", all.size()).withDetail("undecryptable", unreadable);
        if (unreadable > 0) {
            health.withDetail(
                    "hint",
                    "this instance's encryption key differs from the one that stored them; every instance"
                            + " sharing the database must use the same COUNTERSIGN_ENCRYPTION_KEY");
        }
        return health.build();
    }
}
