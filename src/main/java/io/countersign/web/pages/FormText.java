package io.countersign.web.pages;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lists and labels typed into one text control, and written back into one. Names are separated by
 * commas, spaces or lines. Labels are {@code key=value} lines, split at the first {@code =} only: a key
 * is a name and never holds one, while a value may hold anything a single line can (commas, {@code =},
 * spaces at either end), so every label the services accept comes back from the form as it was. A line
 * without {@code =} has no value, so the services' rules refuse it instead of keeping an empty one. What
 * a form sends is otherwise passed on as typed, so those rules judge it.
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
        Map<String, String> labels = new LinkedHashMap<>();
        for (String line : blank(typed) ? new String[0] : typed.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            // the key's spaces are the services' to strip, as they strip a name's anywhere
            int equals = line.indexOf('=');
            labels.put(equals < 0 ? line : line.substring(0, equals), equals < 0 ? null : line.substring(equals + 1));
        }
        return labels;
    }

    public static String labelLines(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(label -> label.getKey() + "=" + label.getValue() + "\n")
                .collect(Collectors.joining());
    }
}
