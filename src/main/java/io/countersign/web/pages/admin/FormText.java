package io.countersign.web.pages.admin;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists typed into one text control and back: names separated by commas, spaces or lines, labels as
 * {@code key=value} lines. What a form sends is passed on as typed, so the services' rules judge it.
 */
final class FormText {

    private FormText() {}

    static List<String> names(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        return Arrays.stream(typed.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    static String names(List<String> names) {
        return String.join(", ", names);
    }

    /** A line without {@code =} is a key with an empty value, which the label rules then refuse. */
    static Map<String, String> labels(String typed) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (typed == null) {
            return labels;
        }
        for (String line : typed.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            String key = (equals < 0 ? line : line.substring(0, equals)).trim();
            labels.put(key, equals < 0 ? "" : line.substring(equals + 1).trim());
        }
        return labels;
    }

    static String labels(Map<String, String> labels) {
        StringBuilder text = new StringBuilder();
        labels.forEach(
                (key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    /** An empty control means "none", for optional single values such as a level or a manager. */
    static String optional(String typed) {
        return typed == null || typed.isBlank() ? null : typed;
    }
}
