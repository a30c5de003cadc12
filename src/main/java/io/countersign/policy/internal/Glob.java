package io.countersign.policy.internal;

import io.countersign.shared.Names;
import java.util.Optional;

/**
 * A name pattern where {@code *} matches any run of characters (also none) and {@code ?} exactly one;
 * every other character matches itself. Hand-written rather than a regex: patterns are matched on
 * every access request, and this matcher neither allocates nor backtracks more than once per star.
 */
public final class Glob {

    public static final int MAX_LENGTH = Names.MAX_LENGTH;

    private final String pattern;
    private final char[] chars;
    private final int wildcards;
    private final String literalPrefix;
    private final String literalSuffix;

    private Glob(String pattern) {
        this.pattern = pattern;
        this.chars = pattern.toCharArray();
        int count = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < chars.length; i++) {
            if (isWildcard(chars[i])) {
                count++;
                last = i;
                if (first < 0) {
                    first = i;
                }
            }
        }
        this.wildcards = count;
        this.literalPrefix = first < 0 ? pattern : pattern.substring(0, first);
        this.literalSuffix = last < 0 ? pattern : pattern.substring(last + 1);
    }

    /** Compiles a pattern that {@link #syntaxError} accepted. */
    public static Glob compile(String pattern) {
        syntaxError(pattern).ifPresent(error -> {
            throw new IllegalArgumentException("Invalid glob '" + pattern + "': " + error);
        });
        return new Glob(pattern);
    }

    /**
     * Why a canonical (trimmed, lower-case) pattern is not acceptable, if it is not: it must be 1 to
     * {@value #MAX_LENGTH} characters of the name alphabet ({@code a-z 0-9 . _ - @}) and wildcards,
     * without {@code **}, which means the same as {@code *} and would distort specificity.
     */
    public static Optional<String> syntaxError(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return Optional.of("must not be blank");
        }
        if (pattern.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (!isWildcard(c) && !isNameCharacter(c)) {
                return Optional.of("may contain only letters, digits, '.', '_', '-', '@' and the wildcards '*' and '?'"
                        + " (found '" + c + "')");
            }
            if (c == '*' && i > 0 && pattern.charAt(i - 1) == '*') {
                return Optional.of("must not contain '**'; a single '*' already matches any run of characters");
            }
        }
        return Optional.empty();
    }

    public boolean matches(String name) {
        int n = name.length();
        int m = chars.length;
        int p = 0;
        int s = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (s < n) {
            if (p < m && (chars[p] == '?' || chars[p] == name.charAt(s))) {
                p++;
                s++;
            } else if (p < m && chars[p] == '*') {
                // remember the star; first try to let it match nothing
                starAt = p++;
                resumeAt = s;
            } else if (starAt >= 0) {
                // the last star swallows one more character and the rest is retried after it
                p = starAt + 1;
                s = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < m && chars[p] == '*') {
            p++;
        }
        return p == m;
    }

    public String pattern() {
        return pattern;
    }

    public int wildcards() {
        return wildcards;
    }

    /** The number of characters that must appear literally. */
    public int literalLength() {
        return chars.length - wildcards;
    }

    public boolean isExact() {
        return wildcards == 0;
    }

    /** The literal text before the first wildcard; the whole pattern when it has none. */
    public String literalPrefix() {
        return literalPrefix;
    }

    /** The literal text after the last wildcard; the whole pattern when it has none. */
    public String literalSuffix() {
        return literalSuffix;
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static boolean isWildcard(char c) {
        return c == '*' || c == '?';
    }

    private static boolean isNameCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@';
    }
}
