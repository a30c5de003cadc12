package io.countersign.notify.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Countersign-Signature} header: {@code v1=<hex HMAC-SHA256 of "timestamp.body">}, once
 * per active secret, comma-separated, so that a receiver keeps verifying while a secret is rotated.
 */
public final class Signatures {

    private Signatures() {}

    public static String header(List<String> secrets, long timestamp, String body) {
        return secrets.stream()
                .map(secret -> "v1=" + sign(secret, timestamp, body))
                .collect(Collectors.joining(","));
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
