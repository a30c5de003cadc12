package io.countersign.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiteralMarkdownTests {

    @Test
    void linksEmphasisAndMentionsAreEscapedWhereverTheyAre() {
        assertThat(LiteralMarkdown.of("see [x](https://e.example) *b* _i_ `c` ||s|| <@1> a\\b"))
                .isEqualTo("see \\[x\\](https://e.example) \\*b\\* \\_i\\_ \\`c\\` \\|\\|s\\|\\| \\<@1> a\\\\b");
    }

    @Test
    void headersQuotesAndListsAreEscapedOnlyAtTheStartOfALine() {
        assertThat(LiteralMarkdown.of("# h\n  > q\n- l\n12. n\ndb-prod #4 > 3 - 1. x"))
                .isEqualTo("\\# h\n  \\> q\n\\- l\n12\\. n\ndb-prod #4 > 3 - 1. x");
    }

    @Test
    void aCutNeverEndsInHalfAnEscape() {
        assertThat(LiteralMarkdown.cut("ab\\*cd", 4)).isEqualTo("ab…");
        assertThat(LiteralMarkdown.cut("a\\\\cd", 4)).isEqualTo("a\\\\…");
        assertThat(LiteralMarkdown.cut("abc", 4)).isEqualTo("abc");
    }
}
