package io.countersign.web.pages;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lists and labels typed into one text control, and written back into one. Names are separated by
 * commas, spaces or lines. Labels are {@code key=value} entries: one per line where a value may hold a
 * comma (a resource's labels), separated by commas in a one-line selector (a policy's). An entry without
 * {@code =} has no value, so the services' rules refuse it instead of keeping an empty one. What a
 * form sends is otherwise passed on as typed, so those rules judge it.
 */
public final class FormText {

    private FormText() {}

    public static boolean blank(String typed) {
        return typed == null || typed.isBlank();
    }

    /** An empty control means "none", for optional single values such as a level or a manager. */
    public static String optional(String typed) {
        return blank(typed) ? null : typed;
    }

    public static List<String> names(String typed) {
        if (blank(typed)) {
            return List.of();
        }
        return Arrays.stream(typed.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    public static String names(List<String> names) {
        return names == null ? "" : String.join(", ", names);
    }

    public static Map<String, String> labelLines(String typed) {
        return labels(typed, "\\R");
    }

    public static String labelLines(Map<String, String> labels) {
        return written(labels, "\n") + (labels.isEmpty() ? "" : "\n");
    }

    public static Map<String, String> labelList(String typed) {
        return labels(typed, ",");
    }

    public static String labelList(Map<String, String> labels) {
        return written(labels, ", ");
    }

    private static Map<String, String> labels(String typed, String separator) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String entry : blank(typed) ? new String[0] : typed.split(separator)) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            labels.put(
                    (equals < 0 ? entry : entry.substring(0, equals)).trim(),
                    equals < 0 ? null : entry.substring(equals + 1).trim());
        }
        return labels;
    }

    private static String written(Map<String, String> labels, String separator) {
        return labels.entrySet().stream()
                .map(label -> label.getKey() + "=" + label.getValue())
                .collect(Collectors.joining(separator));
    }
}
