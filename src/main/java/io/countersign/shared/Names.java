package io.countersign.shared;

import java.util.regex.Pattern;

/**
 * The canonical form of names that identify things (usernames, group, resource, account, level and
 * policy names): trimmed, lower-cased, made of letters, digits and {@code . _ - @}.
 */
public final class Names {

    public static final int MAX_LENGTH = 128;
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._@-]*");

    private Names() {}

    public static String canonical(String raw) {
        // only spaces are forgiven: a control character at either end is refused by isValid, not dropped
        return raw == null ? null : asciiLowerCase(Text.strip(raw));
    }

    /**
     * Lower-cases A to Z only. Unicode lower-casing turns some letters outside ASCII into ASCII ones
     * (the Kelvin sign U+212A becomes "k"), so a name spelled with one would pass as another name and
     * reach its user, grants and sign-in; left as it is, such a name is refused or matches nothing.
     * {@link String#equalsIgnoreCase} has the same hole (the dotless i U+0131 and the long s U+017F
     * equal "i" and "s" there), so names and e-mail addresses are compared in this form instead.
     */
    public static String asciiLowerCase(String value) {
        if (value == null) {
            return null;
        }
        char[] chars = value.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    public static boolean isValid(String canonical) {
        return canonical != null
                && canonical.length() <= MAX_LENGTH
                && VALID.matcher(canonical).matches();
    }

    /** Checks a name field and records an issue when it is missing or malformed. */
    public static boolean check(Problems problems, String canonical, String field) {
        if (canonical == null || canonical.isEmpty()) {
            problems.add(field, "required", "must not be blank");
            return false;
        }
        return problems.check(
                isValid(canonical),
                field,
                "invalid_name",
                "must be at most " + MAX_LENGTH
                        + " characters of letters, digits, '.', '_', '-' or '@', starting with a letter or digit");
    }
}
