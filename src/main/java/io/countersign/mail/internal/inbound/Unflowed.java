package io.countersign.mail.internal.inbound;

/**
 * Joins the soft line breaks of {@code format=flowed} text (RFC 3676): a line that ends in a space
 * continues on the next one, so that a long first line stays one line and one comment.
 */
final class Unflowed {

    private Unflowed() {}

    static String of(String text) {
        String[] lines = text.split("\r?\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].startsWith(" ") ? lines[i].substring(1) : lines[i];
            out.append(line);
            boolean soft = line.endsWith(" ") && !line.equals("-- ") && i + 1 < lines.length;
            if (!soft) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
