package io.countersign.shared.database;

/**
 * A JDBC URL as it may be shown in a log: without the user and password some drivers take before the
 * host ({@code //user:secret@host}), and without the parameters after {@code ?} (PostgreSQL) or {@code ;}
 * (H2), where a password may be given too. What remains still says which server and database were meant.
 */
final class RedactedDatabaseUrl {

    private RedactedDatabaseUrl() {}

    static String of(String url) {
        String shown = url.strip();
        int parameters = firstOf(shown, '?', ';');
        if (parameters >= 0) {
            shown = shown.substring(0, parameters);
        }
        int authority = shown.indexOf("//");
        int credentials = shown.lastIndexOf('@');
        if (authority >= 0 && credentials > authority) {
            shown = shown.substring(0, authority + 2) + shown.substring(credentials + 1);
        }
        return shown;
    }

    private static int firstOf(String text, char one, char other) {
        int a = text.indexOf(one);
        int b = text.indexOf(other);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}
