package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.countersign.shared.Text.Lines;
import org.junit.jupiter.api.Test;

class TextTests {

    @Test
    void everyC0ControlDeleteAndC1ControlIsRefusedInASingleLineField() {
        for (int c = 0; c <= 0x9F; c++) {
            boolean control = c < 0x20 || c >= 0x7F;
            assertThat(Text.isClean("a" + (char) c + "b", Lines.SINGLE))
                    .as("U+%04X", c)
                    .isEqualTo(!control);
        }
    }

    @Test
    void aMultiLineFieldAlsoTakesLineFeedsTabsAndCrLfButNoLoneCarriageReturn() {
        assertThat(Text.isClean("line one\r\n\tline two\n", Lines.MULTI)).isTrue();
        assertThat(Text.isClean("line one\rline two", Lines.MULTI)).isFalse();
        assertThat(Text.isClean("ends with\r", Lines.MULTI)).isFalse();
        assertThat(Text.isClean("bell\u0007", Lines.MULTI)).isFalse();
        assertThat(Text.isClean("line one\nline two", Lines.SINGLE)).isFalse();
    }

    @Test
    void lineAndParagraphSeparatorsBreakLinesOnlyInAMultiLineField() {
        for (char c : "\u2028\u2029".toCharArray()) {
            assertThat(Text.firstForbidden("INC-1" + c + "approved", Lines.SINGLE))
                    .as("U+%04X", (int) c)
                    .isEqualTo(5);
            assertThat(Text.isClean("line one" + c + "line two", Lines.MULTI))
                    .as("U+%04X", (int) c)
                    .isTrue();
        }
    }

    @Test
    void directionEmbeddingsOverridesAndIsolatesAreRefusedButRightToLeftTextAndItsMarksAreKept() {
        for (char c : "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069".toCharArray()) {
            assertThat(Text.firstForbidden("INC-" + c + "321", Lines.MULTI))
                    .as("U+%04X", (int) c)
                    .isEqualTo(4);
        }
        assertThat(Text.isClean(
                        "\u05E9\u05DC\u05D5\u05DD \u200F(RLM) \u200E(LRM) \u0645\u0631\u062D\u0628\u0627",
                        Lines.SINGLE))
                .isTrue();
        assertThat(Text.isClean("\u2065\u206A", Lines.SINGLE)).isTrue();
    }

    @Test
    void unpairedSurrogatesAreRefusedAndPairsAreKept() {
        assertThat(Text.isClean("emoji \uD83D\uDE00 ok", Lines.SINGLE)).isTrue();
        assertThat(Text.firstForbidden("ab\uD83D", Lines.SINGLE)).isEqualTo(2);
        assertThat(Text.firstForbidden("ab\uDE00c", Lines.SINGLE)).isEqualTo(2);
        assertThat(Text.firstForbidden("\uD83Dx", Lines.MULTI)).isZero();
    }

    @Test
    void stripRemovesSpacesButLeavesControlCharactersToBeRefused() {
        assertThat(Text.strip("  alice  ")).isEqualTo("alice");
        assertThat(Text.strip("alice\u0000")).isEqualTo("alice\u0000");
        assertThat(Names.isValid(Names.canonical("\u001bAlice"))).isFalse();
    }

    @Test
    void problemsCheckLengthFirstThenCharactersWithThePosition() {
        Problems problems = new Problems();
        problems.requireText("ab\u0000", "name", 10);
        problems.maxLength("x".repeat(11), "title", 10);
        problems.multiLineText("ok\n\u001b", "comment", 10);
        problems.maxLength(null, "optional", 10);

        assertThat(problems.issues())
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(
                        tuple("name", "invalid_character"),
                        tuple("title", "too_long"),
                        tuple("comment", "invalid_character"));
        assertThat(problems.issues().get(0).message()).contains("U+0000", "position 3");
    }
}
