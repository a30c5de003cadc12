package io.countersign.shared;

import io.countersign.shared.secrets.SecretCipher;
import org.springframework.stereotype.Component;

/** Gives {@link Cursors} a key that every instance sharing the encryption key shares. */
@Component
class CursorKey {

    CursorKey(SecretCipher cipher) {
        cipher.derivedKey("countersign page cursors v1").ifPresent(Cursors::useKey);
    }
}
