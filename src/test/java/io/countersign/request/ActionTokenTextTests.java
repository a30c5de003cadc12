package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActionTokenTextTests {

    @Test
    void aTokenIs32LowerCaseBase32CharactersThatNeverRepeat() {
        Set<String> seen = new HashSet<>();
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String token = ActionTokenText.random();
            assertThat(token).matches("[a-z2-7]{32}");
            assertThat(ActionTokenText.wellFormed(token)).isTrue();
            token.chars().forEach(c -> used.add((char) c));
            seen.add(token);
        }
        assertThat(seen).hasSize(10_000);
        // every symbol turns up, so all five bits of each character are random
        assertThat(used).hasSize(32);
    }

    @Test
    void onlyTheExactShapeIsWellFormed() {
        assertThat(ActionTokenText.wellFormed("a".repeat(31))).isFalse();
        assertThat(ActionTokenText.wellFormed("a".repeat(33))).isFalse();
        assertThat(ActionTokenText.wellFormed("A".repeat(32))).isFalse();
        assertThat(ActionTokenText.wellFormed("1".repeat(32))).isFalse();
        assertThat(ActionTokenText.wellFormed(null)).isFalse();
    }

    @Test
    void theStoredFormIsTheSha256OfTheToken() {
        assertThat(ActionTokenText.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
