package io.countersign.mail.internal.inbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an HTML-only reply into lines of text. Scripts, styles and the head are dropped whole (their
 * text was never meant to be read), block elements become line breaks and a quoted block starts
 * with {@code >}, so that the first line is what the person typed above the quote. Every pattern
 * stops at the next {@code <}, so that hostile markup costs linear time.
 */
final class HtmlText {

    private static final Pattern INVISIBLE =
            Pattern.compile("(?is)<!--.*?(-->|$)|<(script|style|head|title|template)\\b.*?(</\\2\\s*>|$)");
    private static final Pattern QUOTE =
            Pattern.compile("(?i)<blockquote\\b[^<>]*>|<div[^<>]*\\bgmail_quote\\b[^<>]*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<(br|/?p|/?div|/?li|/?tr|/?h[1-6]|hr|/?table)\\b[^<>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*(>|$)");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

    private HtmlText() {}

    static String of(String html) {
        String text = INVISIBLE.matcher(html).replaceAll(" ");
        text = QUOTE.matcher(text).replaceAll("\n> ");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        return entities(text);
    }

    private static String entities(String text) {
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(entity(matcher.group(1), matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String entity(String name, String whole) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return Character.toString(Integer.parseInt(name.substring(2), 16));
            }
            if (name.startsWith("#")) {
                return Character.toString(Integer.parseInt(name.substring(1)));
            }
        } catch (IllegalArgumentException notACodePoint) {
            return " ";
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> whole;
        };
    }
}
