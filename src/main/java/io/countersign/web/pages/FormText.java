package io.countersign.web.pages;

import java.util.Arrays;
import java.util.List;

/**
 * Lists typed into one text control, and written back into one. Names are separated by commas, spaces
 * or lines; labels are {@link LabelLines}. What a form sends is otherwise passed on as typed, so the
 * services' rules judge it.
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
}
