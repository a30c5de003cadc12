package io.countersign.notify.internal;

/** The associated data that binds a secret's ciphertext to its row. */
public final class SecretContext {

    private SecretContext() {}

    public static String of(String webhookId, int number) {
        return "webhook-secret:" + webhookId + ":" + number;
    }
}
