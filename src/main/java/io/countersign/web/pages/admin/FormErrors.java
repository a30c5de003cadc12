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

    static final FormErrors NONE = new FormErrors(Map.of(), null);

    static FormErrors of(CountersignException refused) {
        if (!(refused instanceof InvalidInputException invalid)) {
            return new FormErrors(Map.of(), "Nothing was saved: " + refused.getMessage());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldIssue issue : invalid.issues()) {
            fields.merge(control(issue.field()), issue.message(), (a, b) -> a + "; " + b);
        }
        return new FormErrors(
                Map.copyOf(fields), "Nothing was saved: correct the fields marked below and send the form again.");
    }

    /** The problems of one control, or null; templates call it as {@code errors.of('name')}. */
    public String of(String control) {
        return fields.get(control);
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
