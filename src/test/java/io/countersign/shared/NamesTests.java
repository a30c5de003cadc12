package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTests {

    @Test
    void aNameIsLowerCasedInAsciiOnly() {
        assertThat(Names.canonical("  Dev-Ops.EU@Corp ")).isEqualTo("dev-ops.eu@corp");
        assertThat(Names.isValid(Names.canonical("Dev-Ops.EU@Corp"))).isTrue();
    }

    @Test
    void aLetterOutsideAsciiNeverBecomesAnAsciiOne() {
        // the Kelvin sign, the capital I with a dot and the long s lower-case or upper-case to ASCII letters
        for (String raw : new String[] {"\u212Aelvin", "\u0130van", "\u017Fam", "\u00C4dmin"}) {
            assertThat(Names.canonical(raw)).as(raw).isNotIn("kelvin", "ivan", "i\u0307van", "sam", "admin");
            assertThat(Names.isValid(Names.canonical(raw))).as(raw).isFalse();
        }
    }
}
