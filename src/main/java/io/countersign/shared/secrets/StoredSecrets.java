package io.countersign.shared.secrets;

import io.countersign.shared.database.BoundedDatabaseCalls;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** Whether this instance's key decrypts every stored secret, and of which kinds those it cannot are. */
@Component
class StoredSecrets {

    /** How many secrets are stored, and how many of each kind this instance's key cannot decrypt. */
    record Readability(int stored, Map<String, Integer> undecryptable) {

        int undecryptableCount() {
            return undecryptable.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final SecretCipher cipher;
    private final List<SealedSecrets> stores;
    private final BoundedDatabaseCalls calls;

    StoredSecrets(SecretCipher cipher, List<SealedSecrets> stores, BoundedDatabaseCalls calls) {
        this.cipher = cipher;
        this.stores = stores;
        this.calls = calls;
    }

    /** Reads every store; {@code DatabaseUnavailableException} when the database cannot be reached. */
    Readability read() {
        Map<String, List<SealedSecrets.Sealed>> byKind = calls.call(() -> {
            Map<String, List<SealedSecrets.Sealed>> sealed = new TreeMap<>();
            stores.forEach(store -> sealed.merge(store.kind(), store.sealedSecrets(), StoredSecrets::concat));
            return sealed;
        });
        int stored = 0;
        Map<String, Integer> undecryptable = new TreeMap<>();
        for (var kind : byKind.entrySet()) {
            for (SealedSecrets.Sealed sealed : kind.getValue()) {
                stored++;
                try {
                    cipher.decrypt(sealed.ciphertext(), sealed.context());
                } catch (SecretCipher.UndecryptableSecretException e) {
                    undecryptable.merge(kind.getKey(), 1, Integer::sum);
                }
            }
        }
        return new Readability(stored, undecryptable);
    }

    private static List<SealedSecrets.Sealed> concat(List<SealedSecrets.Sealed> a, List<SealedSecrets.Sealed> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
