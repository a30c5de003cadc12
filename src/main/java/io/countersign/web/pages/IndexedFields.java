package io.countersign.web.pages;

import io.countersign.shared.InvalidInputException;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.context.request.WebRequest;

/**
 * The indexes in a form's field names ({@code steps[2].name}), checked before the form is bound. A
 * list grows to the highest index a form names, so {@code steps[99999].name} alone would build a
 * hundred thousand steps; and the binder's own auto-grow limit does not apply to forms bound to
 * their fields directly. Call it from the {@code @InitBinder} of a form that binds a list.
 */
public final class IndexedFields {

    private static final Pattern INDEX = Pattern.compile("\\[([^\\]]*)]");
    private static final Pattern SMALL_NUMBER = Pattern.compile("\\d{1,6}");

    private IndexedFields() {}

    /** @throws InvalidInputException when a field's index is not a whole number below {@code limit} */
    public static void requireBelow(WebRequest request, int limit) {
        for (Iterator<String> names = request.getParameterNames(); names.hasNext(); ) {
            String name = names.next();
            Matcher index = INDEX.matcher(name);
            while (index.find()) {
                String value = index.group(1);
                if (!SMALL_NUMBER.matcher(value).matches() || Integer.parseInt(value) >= limit) {
                    String list = name.substring(0, index.start());
                    throw InvalidInputException.of(
                            list.length() > 80 ? list.substring(0, 80) + "…" : list,
                            "invalid_index",
                            "the form holds at most " + limit + " of these, numbered from 0");
                }
            }
        }
    }
}
