package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WholeNumbersTests {

    @Test
    void decimalDigitsWithAnOptionalMinusAreANumber() {
        assertThat(WholeNumbers.parseLong("0")).hasValue(0);
        assertThat(WholeNumbers.parseLong("0042")).hasValue(42);
        assertThat(WholeNumbers.parseLong("-3")).hasValue(-3);
        assertThat(WholeNumbers.parseLong("9223372036854775807")).hasValue(Long.MAX_VALUE);
    }

    @Test
    void signsOtherScriptsBlanksAndOverflowAreNot() {
        for (String text : new String[] {
            "",
            "-",
            "+5",
            "--5",
            " 5",
            "5 ",
            "1 2",
            "0x10",
            "#10",
            "1.5",
            "1e3",
            "\u0665",
            "\uff15",
            "9223372036854775808",
            null
        }) {
            assertThat(WholeNumbers.parseLong(text)).as("%s", text).isEqualTo(OptionalLong.empty());
        }
        assertThat(WholeNumbers.isDecimal("99999999999999999999")).isTrue();
        assertThat(WholeNumbers.parseInt("2147483647")).hasValue(Integer.MAX_VALUE);
        assertThat(WholeNumbers.parseInt("2147483648")).isEmpty();
        assertThat(WholeNumbers.parseInt("+1")).isEmpty();
    }
}
