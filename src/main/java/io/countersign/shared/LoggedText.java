package io.countersign.shared;

/**
 * Text a stranger chose (a provider's error description, a username typed at sign-in, a mail's From
 * address), made safe to write into a log line or an audit note: every control, line-breaking or
 * invisible formatting character (a bidirectional override among them) becomes {@code ?}, so that
 * it cannot forge a line or reorder what follows it, and it is cut short, so that it cannot fill one.
 */
public final class LoggedText {

    private LoggedText() {}

    /** At most {@code longest} code points of {@code text}, with {@code …} when more were cut; "" for null. */
    public static String printable(String text, int longest) {
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
