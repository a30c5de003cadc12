package io.countersign.chat.internal;

import java.util.regex.Pattern;

/**
 * Text for Teams' and Discord's markdown that shows as it was written. Requesters write the
 * justification and the ticket: unescaped, {@code [click me](https://…)} is a link in an approver's
 * card and {@code # …} a header. Each character that can open markup is escaped with a backslash,
 * everywhere for inline markup, at the start of a line for headers, quotes and lists.
 */
final class LiteralMarkdown {

    private static final Pattern INLINE = Pattern.compile("[\\\\`*_~|\\[\\]<]");
    private static final Pattern BLOCK = Pattern.compile("(?m)^(\\s*)([#>+-])");
    private static final Pattern NUMBERED = Pattern.compile("(?m)^(\\s*\\d+)([.)])");

    private LiteralMarkdown() {}

    static String of(String text) {
        String inline = INLINE.matcher(text).replaceAll("\\\\$0");
        String blocks = BLOCK.matcher(inline).replaceAll("$1\\\\$2");
        return NUMBERED.matcher(blocks).replaceAll("$1\\\\$2");
    }

    /** At most {@code max} characters, never ending in half an escape. */
    static String cut(String markdown, int max) {
        if (markdown.length() <= max) {
            return markdown;
        }
        String head = markdown.substring(0, max - 1);
        int backslashes = head.length() - head.replaceAll("\\\\+$", "").length();
        return (backslashes % 2 == 1 ? head.substring(0, head.length() - 1) : head) + "…";
    }
}
