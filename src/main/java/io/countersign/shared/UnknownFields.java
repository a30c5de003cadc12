package io.countersign.shared;

import java.util.function.Function;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;

/**
 * Skips a field the input's type does not have and notes it as {@code unknown_field} in the reader's
 * {@link UnreadValues}, so that the rest of the input is still read and checked. A reader given no
 * {@link UnreadValues} refuses the field as Jackson does.
 */
final class UnknownFields extends DeserializationProblemHandler {

    /**
     * The reader's attribute naming the object being read: a record's unknown fields reach this handler
     * only after the whole object was read, from a buffer that knows no path.
     */
    static final String OBJECT_PATH = UnknownFields.class.getName() + ".objectPath";

    private final Function<DeserializationContext, UnreadValues> unread;

    UnknownFields(Function<DeserializationContext, UnreadValues> unread) {
        this.unread = unread;
    }

    @Override
    public boolean handleUnknownProperty(
            DeserializationContext context,
            JsonParser parser,
            ValueDeserializer<?> deserializer,
            Object beanOrClass,
            String propertyName) {
        UnreadValues values = unread.apply(context);
        if (values == null) {
            return false;
        }
        String object = String.valueOf(context.getAttribute(OBJECT_PATH));
        String field = object.equals("body") || object.equals("null") ? propertyName : object + "." + propertyName;
        values.add(new FieldIssue(field, "unknown_field", "is not a known field"));
        parser.skipChildren();
        return true;
    }
}
