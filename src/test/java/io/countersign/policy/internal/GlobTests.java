package io.countersign.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTests {

    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
    @CsvSource({
        "prod-pg, prod-pg, true",
        "prod-pg, prod-pg2, false",
        "prod-pg, prod-p, false",
        "prod-*, prod-, true",
        "prod-*, prod-postgresql, true",
        "prod-*, staging-prod-x, false",
        "*-admin, rw-admin, true",
        "*-admin, -admin, true",
        "*-admin, rw-admin2, false",
        "*, '', true",
        "*, anything, true",
        "?, a, true",
        "?, '', false",
        "?, ab, false",
        "db-??-*, db-eu-1, true",
        "db-??-*, db-e-1, false",
        "db-??-*, db-eu1, false",
        "db-??-*, db-eu-, true",
        "*a*b, aab, true",
        "*a*b, aabab, true",
        "*a*b, aaba, false",
        "a*b*c, abc, true",
        "a*b*c, axxbyyc, true",
        "a*b*c, axxbyy, false",
        "*.*, a.b, true",
        "*.*, ab, false",
        "*?, '', false",
        "*?, x, true",
        "x*x, x, false",
        "x*x, xx, true",
    })
    void matchesAsAStarAndQuestionMarkGlob(String pattern, String name, boolean expected) {
        assertThat(Glob.compile(pattern).matches(name)).isEqualTo(expected);
    }

    @Test
    void agreesWithAReferenceRegexOnRandomPatternsAndNames() {
        Random random = new Random(42);
        String alphabet = "ab-";
        for (int round = 0; round < 20_000; round++) {
            String pattern = randomPattern(random, alphabet);
            String name = randomName(random, alphabet, 8);
            boolean reference = Pattern.matches(toRegex(pattern), name);
            assertThat(Glob.compile(pattern).matches(name))
                    .as("'%s' against '%s'", pattern, name)
                    .isEqualTo(reference);
        }
    }

    @Test
    void measuresWildcardsLiteralTextAndAnchors() {
        Glob glob = Glob.compile("db-??-*-x");

        assertThat(glob.wildcards()).isEqualTo(3);
        assertThat(glob.literalLength()).isEqualTo(6);
        assertThat(glob.literalPrefix()).isEqualTo("db-");
        assertThat(glob.literalSuffix()).isEqualTo("-x");
        assertThat(glob.isExact()).isFalse();
    }

    @Test
    void anExactNameIsItsOwnPrefixAndSuffix() {
        Glob glob = Glob.compile("prod-pg");

        assertThat(glob.isExact()).isTrue();
        assertThat(glob.literalPrefix()).isEqualTo("prod-pg");
        assertThat(glob.literalSuffix()).isEqualTo("prod-pg");
        assertThat(glob.literalLength()).isEqualTo(7);
    }

    @Test
    void aPatternStartingWithAWildcardHasNoPrefix() {
        assertThat(Glob.compile("*-admin").literalPrefix()).isEmpty();
        assertThat(Glob.compile("*-admin").literalSuffix()).isEqualTo("-admin");
        assertThat(Glob.compile("prod-*").literalSuffix()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|must not be blank",
                "Prod-*|may contain only",
                "prod *|may contain only",
                "prod-[0-9]|may contain only",
                "prod-**|must not contain '**'",
            })
    void rejectsPatternsOutsideTheNameAlphabet(String pattern, String error) {
        assertThat(Glob.syntaxError(pattern))
                .hasValueSatisfying(e -> assertThat(e).contains(error));
    }

    @Test
    void rejectsOverlongPatterns() {
        assertThat(Glob.syntaxError("a".repeat(129))).isPresent();
        assertThat(Glob.syntaxError("a".repeat(128))).isEmpty();
    }

    @Test
    void acceptsEveryCharacterOfTheNameAlphabet() {
        assertThat(Glob.syntaxError("a-z_0.9@x?*")).isEmpty();
    }

    @Test
    void refusesToCompileAnInvalidPattern() {
        assertThatThrownBy(() -> Glob.compile("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String randomPattern(Random random, String alphabet) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(7);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(alphabet.length() + 2);
            char c = pick < alphabet.length() ? alphabet.charAt(pick) : pick == alphabet.length() ? '?' : '*';
            if (c == '*' && out.length() > 0 && out.charAt(out.length() - 1) == '*') {
                continue;
            }
            out.append(c);
        }
        return out.length() == 0 ? "*" : out.toString();
    }

    private static String randomName(Random random, String alphabet, int maxLength) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
