package io.countersign.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturesTests {

    @Test
    void theSignatureIsTheHexHmacSha256OfTimestampDotBody() {
        // computed independently: printf '1700000000.{"id":"e1"}' | openssl dgst -sha256 -hmac 'whsec-0123456789abcdef'
        assertThat(Signatures.sign("whsec-0123456789abcdef", 1_700_000_000L, "{\"id\":\"e1\"}"))
                .isEqualTo("475145d8ab7a55b4e1e67de0f9efad85edf150d83de62d06764a208144a61d0f");
    }

    @Test
    void everyActiveSecretSignsInTheHeader() {
        String header = Signatures.header(List.of("secret-one-0123456789", "secret-two-0123456789"), 42, "{}");

        assertThat(header)
                .isEqualTo("v1=" + Signatures.sign("secret-one-0123456789", 42, "{}") + ",v1="
                        + Signatures.sign("secret-two-0123456789", 42, "{}"));
    }

    @Test
    void aDifferentTimestampOrBodyGivesADifferentSignature() {
        String base = Signatures.sign("secret-one-0123456789", 42, "{}");

        assertThat(Signatures.sign("secret-one-0123456789", 43, "{}")).isNotEqualTo(base);
        assertThat(Signatures.sign("secret-one-0123456789", 42, "{ }")).isNotEqualTo(base);
    }
}
