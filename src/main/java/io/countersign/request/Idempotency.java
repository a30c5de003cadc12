package io.countersign.request;

import io.countersign.shared.Names;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** Fingerprints a creation body so that a replayed Idempotency-Key can be told apart from a reused one. */
final class Idempotency {

    private Idempotency() {}

    static String fingerprint(String requester, RequestInput input) {
        String canonical = String.join(
                "\u0000",
                requester,
                Objects.toString(Names.canonical(input.resource())),
                Objects.toString(Names.canonical(input.account())),
                Objects.toString(input.duration()),
                Objects.toString(input.justification()),
                Objects.toString(input.ticket()),
                Objects.toString(input.startsAt()),
                // only marked when asked, so that keys given before break-glass existed still match
                input.isBreakGlass() ? "break-glass" : "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
