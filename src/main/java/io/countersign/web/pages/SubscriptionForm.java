package io.countersign.web.pages;

import io.countersign.shared.Problems;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The profile's notification form: a field per kind ({@code kind.step_opened}) holding its channels,
 * separated by commas or spaces; empty means none.
 */
final class SubscriptionForm {

    private static final String FIELD = "kind.";

    private SubscriptionForm() {}

    /**
     * Each kind the form sent, its channels as typed. A kind's field sent twice is refused, as any page
     * field of one value is, rather than one of the two being kept unseen.
     */
    static Map<String, List<String>> typed(MultiValueMap<String, String> form) {
        Problems problems = new Problems();
        Map<String, List<String>> typed = new LinkedHashMap<>();
        form.forEach((field, values) -> {
            if (!field.startsWith(FIELD)) {
                return;
            }
            String kind = field.substring(FIELD.length());
            if (problems.givenOnce(values.toArray(String[]::new), kind)) {
                String joined = values.isEmpty() ? "" : values.get(0);
                typed.put(
                        kind,
                        Arrays.stream(joined.split("[,\\s]+"))
                                .filter(s -> !s.isBlank())
                                .toList());
            }
        });
        problems.throwIfAny();
        return typed;
    }

    /**
     * The kinds whose channels differ from those in effect. The form shows every kind, the default ones
     * included; saving a kind left as shown would make the default the person's own choice, and a later
     * change of the default would no longer reach them.
     */
    static Map<String, List<String>> changed(Map<String, List<String>> typed, Map<String, List<String>> effective) {
        Map<String, List<String>> changed = new LinkedHashMap<>();
        typed.forEach((kind, channels) -> {
            List<String> upper =
                    channels.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
            if (!upper.equals(effective.get(kind))) {
                changed.put(kind, channels);
            }
        });
        return changed;
    }
}
