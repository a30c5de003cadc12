package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256Tests {

    @Test
    void hashesTheUtf8BytesAsLowerCaseHex() {
        // the test vectors of FIPS 180-2, and a character outside ASCII hashed as its UTF-8 bytes
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("é")).isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
    }

    @Test
    void aHashDoesNotCarryOverIntoTheNextOnTheSameThread() {
        String first = Sha256.hex("cs_token-one");
        Sha256.hex("something else entirely");
        assertThat(Sha256.hex("cs_token-one")).isEqualTo(first);
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
