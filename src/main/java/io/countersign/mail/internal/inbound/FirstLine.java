package io.countersign.mail.internal.inbound;

import java.util.regex.Pattern;

/**
 * The first line a person typed: the first non-empty line above whatever the mail program put below
 * it (the quoted notification, an attribution such as "On … wrote:", an Outlook header block, a
 * signature), leaving out a typed {@code Reply code:} line, which says where the reply belongs and
 * decides nothing.
 */
final class FirstLine {

    private static final Pattern ATTRIBUTION = Pattern.compile("(?i)^(on|am|le|el|il|op)\\s.*");
    private static final Pattern WROTE =
            Pattern.compile("(?i).*(wrote|schrieb|a écrit|escribió|ha scritto|schreef)\\s*:$");
    private static final Pattern REPLY_CODE_LINE = Pattern.compile("(?i)^reply\\s*code\\s*:.*");
    private static final Pattern OUTLOOK =
            Pattern.compile("(?i)^(-{2,}\\s*original message\\s*-{2,}|_{10,}|(from|von|de):\\s.*)");

    private FirstLine() {}

    /** The first line, trimmed, or null when the reply has none above the quoted text. */
    static String of(String text) {
        if (text == null) {
            return null;
        }
        String[] lines = text.split("\r\n|\r|\n", 200);
        for (int i = 0; i < lines.length; i++) {
            String line = trim(lines[i]);
            if (startsWhatWasAdded(lines, i)) {
                return null;
            }
            if (line.isEmpty() || REPLY_CODE_LINE.matcher(line).matches()) {
                continue;
            }
            return line;
        }
        return null;
    }

    /**
     * Every line the person typed: the lines above the first one the mail program added (the whole
     * text when it added none); empty when the reply starts with the quote.
     */
    static String typed(String text) {
        if (text == null) {
            return "";
        }
        String[] lines = text.split("\r\n|\r|\n");
        StringBuilder typed = new StringBuilder();
        for (int i = 0; i < lines.length && !startsWhatWasAdded(lines, i); i++) {
            typed.append(lines[i]).append('\n');
        }
        return typed.toString();
    }

    /** Whether line {@code i} is where the quote, an attribution, an Outlook header block or a signature begins. */
    private static boolean startsWhatWasAdded(String[] lines, int i) {
        String raw = lines[i];
        String line = trim(raw);
        return line.startsWith(">")
                || raw.equals("-- ")
                || line.equals("--")
                || OUTLOOK.matcher(line).matches()
                || (!line.isEmpty() && isAttribution(line, i + 1 < lines.length ? trim(lines[i + 1]) : ""))
                || introducesTheQuote(lines, i);
    }

    /**
     * A line ending with ':' right above the quote is the attribution of a mail program in whatever
     * language it speaks ("Am Sa., 5. Dez. 2026 um 20:10 Uhr schrieb …:"): taking it for what the
     * person typed would turn an empty reply into a decision.
     */
    private static boolean introducesTheQuote(String[] lines, int i) {
        if (!trim(lines[i]).endsWith(":")) {
            return false;
        }
        for (int next = i + 1; next < lines.length; next++) {
            String line = trim(lines[next]);
            if (!line.isEmpty()) {
                return line.startsWith(">");
            }
        }
        return false;
    }

    /** "On Mon, 30 Nov 2026, Countersign <…> wrote:", which mail programs often wrap over two lines. */
    private static boolean isAttribution(String line, String next) {
        return ATTRIBUTION.matcher(line).matches()
                && (WROTE.matcher(line).matches() || WROTE.matcher(next).matches());
    }

    /** Strips whitespace including the no-break and zero-width spaces and byte-order marks editors leave. */
    static String trim(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isSpace(line.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }
}
