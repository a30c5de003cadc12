package io.countersign.web.pages;

import io.countersign.shared.CountersignException;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why a form was refused, for the page to say next to each field: the message of every issue of a
 * field the form has, and the rest (a refusal of the whole request, an issue of a field it lacks) at
 * the top.
 */
record FormErrors(Map<String, String> fields, List<String> general) {

    private static final Set<String> FORM_FIELDS =
            Set.of("resource", "account", "duration", "start", "startsAt", "justification", "ticket");

    static FormErrors none() {
        return new FormErrors(Map.of(), List.of());
    }

    static FormErrors general(String message) {
        return new FormErrors(Map.of(), List.of(message));
    }

    static FormErrors of(CountersignException e) {
        if (!(e instanceof InvalidInputException invalid)) {
            return new FormErrors(Map.of(), List.of(e.getMessage()));
        }
        return of(invalid.issues(), List.of());
    }

    /** The issues next to their fields, and {@code refusals} of the whole request above the form. */
    static FormErrors of(List<FieldIssue> issues, List<String> refusals) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> general = new ArrayList<>(refusals);
        for (FieldIssue issue : issues) {
            String message = "duration".equals(issue.field()) ? FormDurations.inText(issue.message()) : issue.message();
            if (FORM_FIELDS.contains(issue.field())) {
                fields.merge(issue.field(), sentence(message), (a, b) -> a + " " + b);
            } else {
                general.add(issue.field() + ": " + message);
            }
        }
        return new FormErrors(fields, general);
    }

    // public, as the page's template calls them
    public boolean any() {
        return !fields.isEmpty() || !general.isEmpty();
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public String about(String field) {
        return fields.get(field);
    }

    /** "must be at most 4h, …" reads as a sentence next to its label: "Must be at most 4h, …." */
    private static String sentence(String message) {
        String text = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
