package io.countersign.web.pages;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.Names;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Labels typed into one text control as {@code key=value} lines, and written back into one, alike on
 * every form that has them. A line is split at the first {@code =} only: a key is a name and never holds
 * one, while a value may hold anything a single line can (commas, {@code =}, spaces at either end), so
 * every label the services accept comes back from the form as it was. A line without {@code =} has no
 * value, so the services' rules refuse it instead of keeping an empty one. A key given on two lines is
 * refused by the line repeating it, as the API refuses a key given twice: kept in a map, only the last
 * value would reach the services and the first would be lost without a word.
 */
public final class LabelLines {

    private LabelLines() {}

    /**
     * The labels typed, each line with no key before its {@code =} or with the key of an earlier line told
     * in {@code issues} under {@code field} and left out: as a label with an empty key the services would
     * refuse it as "'': must not be blank", which names neither the line nor what it lacks.
     */
    public static Map<String, String> read(String typed, String field, List<FieldIssue> issues) {
        Map<String, String> labels = new LinkedHashMap<>();
        // the key as the services compare keys: a map of the typed ones would keep only the last of a repeat
        Map<String, Integer> lineOfKey = new HashMap<>();
        String[] lines = FormText.blank(typed) ? new String[0] : typed.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals >= 0 && line.substring(0, equals).isBlank()) {
                issues.add(new FieldIssue(
                        field,
                        "missing_key",
                        "Line " + (i + 1) + " has no key before its '=': write it as key=value."));
                continue;
            }
            String key = equals < 0 ? line : line.substring(0, equals);
            Integer first = lineOfKey.putIfAbsent(Names.canonical(key), i + 1);
            if (first != null) {
                issues.add(new FieldIssue(
                        field,
                        "duplicate_key",
                        "Line " + (i + 1) + " repeats the key of line " + first + ": give each key once."));
                continue;
            }
            // the key's spaces are the services' to strip, as they strip a name's anywhere
            labels.put(key, equals < 0 ? null : line.substring(equals + 1));
        }
        return labels;
    }

    public static String write(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(label -> label.getKey() + "=" + label.getValue() + "\n")
                .collect(Collectors.joining());
    }
}
