package io.countersign.web.pages.policies;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the editor writes lists and labels in one text field: names separated by commas or spaces. */
final class FormText {

    private FormText() {}

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static List<String> list(String value) {
        if (blank(value)) {
            return List.of();
        }
        return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    static String join(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    /** {@code env=prod, tier=gold}; an entry without {@code =} has an empty value, which the policy refuses. */
    static Map<String, String> labels(String value) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String entry : blank(value) ? new String[0] : value.split(",")) {
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

    static String labels(Map<String, String> labels) {
        StringBuilder text = new StringBuilder();
        labels.forEach((key, value) -> text.append(text.length() == 0 ? "" : ", ")
                .append(key)
                .append('=')
                .append(value));
        return text.toString();
    }
}
