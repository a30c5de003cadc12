package io.countersign.shared;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether a document's bytes are UTF-8 text. Checked on the bytes before any parser reads them: the
 * JSON parser decodes overlong forms ({@code C0 BC} read as {@code <}), so markup could pass every
 * check made on the decoded text, and it reads a document without a byte order mark as UTF-16 or
 * UTF-32 when its first bytes look so.
 */
public final class Utf8 {

    private static final int CHECKED_CHARS = 8 * 1024;

    private Utf8() {}

    /**
     * Well-formed UTF-8 (no overlong form, surrogate or value past U+10FFFF) holding no NUL byte: no JSON
     * or YAML document holds one raw, while UTF-16 and UTF-32 hold one in every ASCII character.
     */
    public static boolean isText(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // decoded a piece at a time into one small buffer: a bundle may be tens of megabytes, and its
        // text decoded whole would take twice that again before the parser reads it
        CharBuffer out = CharBuffer.allocate(CHECKED_CHARS);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
            if (result.isError()) {
                return false;
            }
        } while (result.isOverflow());
        out.clear();
        return !decoder.flush(out).isError();
    }
}
