package io.countersign.shared;

import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The text of a record that carries a password, token or secret, for its {@code toString}. Spring
 * writes a body's {@code toString} to the log at debug and trace level ({@code Read "application/json"
 * to [...]}, {@code Writing [...]}, a handler's arguments), so a body must not hold its secret there:
 * the text is a record's own, with each named component's value replaced by {@link #MARK} (a null
 * stays {@code null}, telling only that the field was not sent).
 */
public final class Redacted {

    public static final String MARK = "<redacted>";

    private Redacted() {}

    public static String toString(Record record, String... secrets) {
        Set<String> hidden = Set.of(secrets);
        StringJoiner text = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = value(record, component);
            boolean secret = hidden.contains(component.getName()) && value != null;
            text.add(component.getName() + "=" + (secret ? MARK : value));
        }
        return text.toString();
    }

    private static Object value(Record record, RecordComponent component) {
        try {
            // a body record is often package-private, its accessor then unreachable from here
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            return "?";
        }
    }
}
