package io.countersign.mail.internal;

/**
 * The body of a mail, written once and rendered twice: as plain text and as HTML in which every
 * value is escaped. Consecutive fields form one table.
 */
public final class Letter {

    private final StringBuilder text = new StringBuilder();
    private final StringBuilder html = new StringBuilder();
    private boolean inTable;

    public Letter paragraph(String value) {
        endTable();
        text.append(value).append("\n\n");
        html.append("<p>").append(multiLine(value)).append("</p>\n");
        return this;
    }

    /** A labelled value; skipped when the value is null or blank. */
    public Letter field(String label, String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        if (!inTable) {
            html.append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">\n");
            inTable = true;
        }
        text.append(label).append(": ").append(value.replace("\n", "\n    ")).append('\n');
        html.append("<tr><th align=\"left\" valign=\"top\">")
                .append(escape(label))
                .append("</th><td>")
                .append(multiLine(value))
                .append("</td></tr>\n");
        return this;
    }

    public Letter link(String label, String url) {
        endTable();
        text.append(label).append(": ").append(url).append("\n\n");
        html.append("<p>")
                .append(escape(label))
                .append(": <a href=\"")
                .append(escape(url))
                .append("\">")
                .append(escape(url))
                .append("</a></p>\n");
        return this;
    }

    public String text() {
        return text.toString().stripTrailing() + "\n";
    }

    public String html() {
        endTable();
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>"
                + "<body style=\"font-family:sans-serif\">\n" + html + "</body></html>\n";
    }

    private void endTable() {
        if (inTable) {
            html.append("</table>\n");
            text.append('\n');
            inTable = false;
        }
    }

    private static String multiLine(String value) {
        return escape(value).replace("\r\n", "\n").replace("\n", "<br>\n");
    }

    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
