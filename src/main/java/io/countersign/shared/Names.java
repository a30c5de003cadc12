package io.countersign.shared;

import java.util.Locale;
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
        return raw == null ? null : Text.strip(raw).toLowerCase(Locale.ROOT);
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
