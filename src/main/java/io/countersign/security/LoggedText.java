package io.countersign.security;

/**
 * Text a stranger chose (a provider's error description, a username typed at sign-in), made safe to
 * write into a log line or an audit note: every control or line-breaking character becomes {@code ?},
 * so that it cannot forge a line, and it is cut short, so that it cannot fill one.
 */
final class LoggedText {

    private LoggedText() {}

    /** At most {@code longest} code points of {@code text}, with {@code …} when more were cut; "" for null. */
    static String printable(String text, int longest) {
        if (text == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        text.codePoints().limit(longest).forEach(c -> kept.appendCodePoint(readable(c) ? c : '?'));
        return text.codePointCount(0, text.length()) > longest ? kept + "…" : kept.toString();
    }

    private static boolean readable(int c) {
        int type = Character.getType(c);
        return !Character.isISOControl(c)
                && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.FORMAT;
    }
}
