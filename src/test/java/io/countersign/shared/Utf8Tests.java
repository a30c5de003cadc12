package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8Tests {

    @Test
    void wellFormedTextIsTextAndBrokenOrWideEncodingsAreNot() {
        assertThat(Utf8.isText("users: [{username: zoë, email: z@example.com}] ✓".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(Utf8.isText(new byte[] {'a', (byte) 0xc0, (byte) 0xbc}))
                .as("overlong '<'")
                .isFalse();
        assertThat(Utf8.isText(new byte[] {'a', (byte) 0xe2, (byte) 0x9c}))
                .as("cut short")
                .isFalse();
        assertThat(Utf8.isText("users".getBytes(StandardCharsets.UTF_16LE)))
                .as("UTF-16")
                .isFalse();
    }

    @Test
    void aCharacterSplitAcrossTheCheckedPiecesIsStillWellFormed() {
        byte[] body = new byte[20_000];
        Arrays.fill(body, (byte) 'a');
        byte[] check = "✓".getBytes(StandardCharsets.UTF_8);
        for (int at = 8_190; at < 8_194; at++) {
            byte[] copy = body.clone();
            System.arraycopy(check, 0, copy, at, check.length);
            assertThat(Utf8.isText(copy)).as("at %d", at).isTrue();
        }
    }

    /**
     * A bundle may be as large as the import's cap (32 MiB by default): decoded whole into characters, it would
     * take twice its size again before its parser reads it.
     */
    @Test
    void aLargeBodyIsCheckedWithoutACopyOfItsText() {
        byte[] body = new byte[16 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        boolean text = Utf8.isText(body);

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(text).isTrue();
        assertThat(allocated).isLessThan(1024 * 1024);
    }
}
