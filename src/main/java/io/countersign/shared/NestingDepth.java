package io.countersign.shared;

/**
 * Whether a JSON document nests deeper than it may, read from its bytes before any binding. The
 * parser enforces the same limit, but only on what it reads: binding stops at the first value of the
 * wrong shape (an object where text belongs, an array where an object does), so the same deep document
 * would be refused as a wrong type in one field and as too large in another. Request bodies and JSON
 * bundles are both measured with it, against the limit the application's parser is configured with.
 */
public final class NestingDepth {

    private NestingDepth() {}

    /** Whether {@code json} opens more than {@code most} objects or arrays inside one another. */
    public static boolean exceeds(byte[] json, int most) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (byte b : json) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > most) {
                    return true;
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return false;
    }
}
