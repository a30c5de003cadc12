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

    /**
     * Invalid input is summed up above the form by pointing below. Any other refusal keeps its own
     * words above the form (its field may not be one the form shows), and a field it names, as the
     * last administrator's {@code last_admin} names {@code role}, is marked as well.
     */
    public static FormErrors of(CountersignException refused) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldIssue issue : refused.issues()) {
            String control = control(issue.field());
            String where = where(issue.field().substring(control.length()));
            fields.merge(control, where + issue.message(), (a, b) -> a + "; " + b);
        }
        String summary = refused instanceof InvalidInputException
                ? "Nothing was saved: correct the fields marked below and send the form again."
                : "Nothing was saved: " + refused.getMessage();
        return new FormErrors(Map.copyOf(fields), summary);
    }

    /** The problems of one control, or null; templates call it as {@code errors.of('name')}. */
    public String of(String control) {
        return fields.get(control);
    }

    /**
     * The id of the control's message for its {@code aria-describedby} while the page shows one, else
     * null, which leaves the attribute out: a name that points at nothing is read as nothing.
     */
    public String describedBy(String control) {
        return fields.containsKey(control) ? control + "-error" : null;
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
