package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShortIdsTests {

    @Test
    void aNewIdCarriesSixteenBase32CharactersThatIsEightyRandomBits() {
        String id = ShortIds.next("req");

        assertThat(id).matches("req-[a-km-np-z2-9]{16}");
        assertThat(Math.log(32) / Math.log(2) * (id.length() - 4)).isGreaterThanOrEqualTo(80);
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ShortIds.next("grt"))).isTrue();
        }
    }

    @Test
    void bothTheCurrentAndTheEarlierEightCharacterFormLookLikeIds() {
        assertThat(ShortIds.looksLike("req", ShortIds.next("req"))).isTrue();
        assertThat(ShortIds.looksLike("req", "req-84a2c3f9")).isTrue();
    }

    @Test
    void otherShapesDoNotLookLikeIds() {
        assertThat(ShortIds.looksLike("req", null)).isFalse();
        assertThat(ShortIds.looksLike("req", "grt-84a2c1f9")).isFalse();
        assertThat(ShortIds.looksLike("req", "req-84a2c1f")).isFalse();
        assertThat(ShortIds.looksLike("req", "req-84a2c1f984a2c1f")).isFalse();
        assertThat(ShortIds.looksLike("req", "req-84a2c3f0")).isFalse();
        assertThat(ShortIds.looksLike("req", "req-84A2C1F9")).isFalse();
    }
}
