package io.countersign.mail.internal.inbound;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the first line says. Its first word, case-insensitive and without trailing punctuation,
 * approves when it is a built-in approve word or one of the administrator's keywords; any other word
 * rejects. The whole line is the comment, without control characters and within a length limit, and
 * without anything that looks like a reply code: a comment is shown to the requester, mailed and
 * audited, and a code in it would let whoever reads it decide in the approver's name.
 */
final class ReplyWords {

    /** A run of a token's letters as long as a token: it may hold one, so it goes whole. */
    private static final Pattern CODE_LIKE = Pattern.compile("(?i)[a-z2-7]{32,}");

    static final String CODE_REMOVED = "[reply code removed]";

    static final Set<String> BUILT_IN = Set.of("yes", "approve", "approved", "ok");

    private final Set<String> approving;
    private final int maxCommentLength;

    ReplyWords(List<String> keywords, int maxCommentLength) {
        Set<String> words = new HashSet<>(BUILT_IN);
        for (String keyword : keywords) {
            String word = keyword == null
                    ? ""
                    : withoutTrailingPunctuation(keyword.trim().toLowerCase(Locale.ROOT));
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        this.approving = Set.copyOf(words);
        this.maxCommentLength = maxCommentLength;
    }

    boolean approves(String firstLine) {
        String line = FirstLine.trim(withoutControls(firstLine, firstLine.length()));
        int end = 0;
        // any space ends the word, as FirstLine trims them: "Yes\u00A0please" approves like "Yes please"
        while (end < line.length() && !FirstLine.isSpace(line.charAt(end))) {
            end++;
        }
        String first = line.substring(0, end);
        return approving.contains(withoutTrailingPunctuation(first.toLowerCase(Locale.ROOT)));
    }

    String comment(String firstLine) {
        String line = withoutControls(firstLine, firstLine.length());
        String comment = CODE_LIKE.matcher(line).replaceAll(CODE_REMOVED);
        if (comment.length() <= maxCommentLength) {
            return comment;
        }
        int end = Character.isHighSurrogate(comment.charAt(maxCommentLength - 1))
                ? maxCommentLength - 1
                : maxCommentLength;
        return comment.substring(0, end).trim();
    }

    /** Control characters become spaces: a hidden one must neither glue words together nor reach the log. */
    private static String withoutControls(String line, int maxLength) {
        StringBuilder out = new StringBuilder(Math.min(line.length(), maxLength));
        line.codePoints().forEach(c -> {
            if (out.length() < maxLength) {
                out.appendCodePoint(isControl(c) ? ' ' : c);
            }
        });
        return out.toString().trim();
    }

    private static boolean isControl(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
    }

    private static String withoutTrailingPunctuation(String word) {
        int end = word.length();
        while (end > 0) {
            int c = word.codePointBefore(end);
            int type = Character.getType(c);
            boolean punctuation = type >= Character.DASH_PUNCTUATION && type <= Character.OTHER_PUNCTUATION
                    || type == Character.INITIAL_QUOTE_PUNCTUATION
                    || type == Character.FINAL_QUOTE_PUNCTUATION
                    || type == Character.MATH_SYMBOL
                    || type == Character.OTHER_SYMBOL;
            if (!punctuation) {
                break;
            }
            end -= Character.charCount(c);
        }
        return word.substring(0, end);
    }
}
