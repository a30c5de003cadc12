package io.countersign.shared;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.DeserializationProblemHandler;

/**
 * Reads a name that is none of an enum's constants as null and notes it in the reader's {@link
 * UnreadValues}, so that the rules of the input still run and every issue is reported together. The
 * name itself is never repeated: it may be a secret pasted into the wrong field. A reader given no
 * {@link UnreadValues} refuses the name as Jackson does.
 */
public final class UnknownEnumValues extends DeserializationProblemHandler {

    private final Function<DeserializationContext, UnreadValues> unread;

    /** Notes issues in whatever {@code unread} finds for the reading under way (null: refuse as usual). */
    UnknownEnumValues(Function<DeserializationContext, UnreadValues> unread) {
        this.unread = unread;
    }

    /** "must be one of A, B, C" for an enum. */
    public static String mustBeOneOf(Class<?> type) {
        return "must be one of "
                + Arrays.stream(type.getEnumConstants())
                        .map(constant -> ((Enum<?>) constant).name())
                        .collect(Collectors.joining(", "));
    }

    @Override
    public Object handleWeirdStringValue(
            DeserializationContext context, Class<?> targetType, String valueToConvert, String failureMsg) {
        return note(context, targetType, "invalid_value");
    }

    @Override
    public Object handleWeirdNumberValue(
            DeserializationContext context, Class<?> targetType, Number valueToConvert, String failureMsg) {
        return note(context, targetType, "invalid_type");
    }

    private Object note(DeserializationContext context, Class<?> targetType, String code) {
        UnreadValues values = targetType.isEnum() ? unread.apply(context) : null;
        if (values == null) {
            return NOT_HANDLED;
        }
        String field = FieldPaths.fromPointer(
                context.getParser().streamReadContext().pathAsPointer().toString());
        values.add(new FieldIssue(field, code, mustBeOneOf(targetType)));
        return null;
    }
}
