package io.countersign.audit;

import java.util.Arrays;
import java.util.List;

/**
 * One audit event as a line of CSV per RFC 4180: CRLF line ends, a field quoted when it holds a
 * comma, a quote or a line break, quotes doubled. A text cell that a spreadsheet would run as a
 * formula (it starts with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe, so
 * that opening an export never runs what someone typed into a justification.
 */
final class AuditCsv {

    static final String HEADER = line(List.of(
            "id",
            "occurredAt",
            "actor",
            "actorRole",
            "channel",
            "sourceAddress",
            "action",
            "target",
            "requestId",
            "grantId",
            "note",
            "justification",
            "ticket",
            "comment",
            "reason",
            "hashVersion",
            "previousHash",
            "hash"));

    private AuditCsv() {}

    static String of(AuditRecord e) {
        return line(Arrays.asList(
                Long.toString(e.id()),
                e.occurredAt() == null ? null : e.occurredAt().toString(),
                e.actor(),
                e.actorRole(),
                e.channel(),
                e.sourceAddress(),
                e.action(),
                e.target(),
                e.requestId(),
                e.grantId(),
                e.note(),
                e.justification(),
                e.ticket(),
                e.comment(),
                e.reason(),
                Integer.toString(e.hashVersion()),
                e.previousHash(),
                e.hash()));
    }

    private static String line(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = startsLikeAFormula(value) ? "'" + value : value;
        boolean quote =
                text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static boolean startsLikeAFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
