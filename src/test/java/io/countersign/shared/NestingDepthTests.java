package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Counting a JSON document's depth from its bytes; plain Java, no Spring context. */
class NestingDepthTests {

    private static boolean exceeds(String json, int most) {
        return NestingDepth.exceeds(json.getBytes(StandardCharsets.UTF_8), most);
    }

    @Test
    void objectsAndArraysCountAlikeUpToTheLimit() {
        assertThat(exceeds("{\"a\":[{\"b\":[]}]}", 4)).isFalse();
        assertThat(exceeds("{\"a\":[{\"b\":[[]]}]}", 4)).isTrue();
        assertThat(exceeds("[[]],[[]],[[]]", 2))
                .as("depth, not the count of brackets")
                .isFalse();
    }

    @Test
    void bracketsInsideTextDoNotCount() {
        assertThat(exceeds("{\"comment\":\"[[[[{{{{\"}", 1)).isFalse();
        assertThat(exceeds("{\"comment\":\"quote \\\" then [[[[\"}", 1)).isFalse();
        assertThat(exceeds("{\"comment\":\"backslash \\\\\",\"a\":[[]]}", 2)).isTrue();
    }
}
