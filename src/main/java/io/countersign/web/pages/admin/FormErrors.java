package io.countersign.web.pages.admin;

import io.countersign.shared.CountersignException;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a form was refused, for the page that shows it again: each control's problems next to it
 * ({@code members[2]} and {@code labels.team} belong to the {@code members} and {@code labels}
 * controls), and above the form what concerns no single control.
 */
public record FormErrors(Map<String, String> fields, String summary) {

    public static final FormErrors NONE = new FormErrors(Map.of(), null);

    public static FormErrors of(CountersignException refused) {
        if (!(refused instanceof InvalidInputException invalid)) {
            return new FormErrors(Map.of(), "Nothing was saved: " + refused.getMessage());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldIssue issue : invalid.issues()) {
            String control = control(issue.field());
            String where = where(issue.field().substring(control.length()));
            fields.merge(control, where + issue.message(), (a, b) -> a + "; " + b);
        }
        return new FormErrors(
                Map.copyOf(fields), "Nothing was saved: correct the fields marked below and send the form again.");
    }

    /** The problems of one control, or null; templates call it as {@code errors.of('name')}. */
    public String of(String control) {
        return fields.get(control);
    }

    /** Which entry of a list ({@code [2]} is the third) or which key of labels the message is about. */
    private static String where(String rest) {
        if (rest.startsWith("[") && rest.indexOf(']') > 1) {
            try {
                return "entry " + (Integer.parseInt(rest.substring(1, rest.indexOf(']'))) + 1) + ": ";
            } catch (NumberFormatException notAnIndex) {
                return "";
            }
        }
        return rest.startsWith(".") ? "'" + rest.substring(1) + "': " : "";
    }

    private static String control(String field) {
        int end = field.length();
        for (int i = 0; i < field.length(); i++) {
            if (field.charAt(i) == '[' || field.charAt(i) == '.') {
                end = i;
                break;
            }
        }
        return field.substring(0, end);
    }
}
