package io.countersign.shared;

import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.type.ArrayType;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.MapType;
import tools.jackson.databind.type.ReferenceType;

/**
 * Reads a field's value of the wrong JSON type, a number its field cannot hold, or a text it cannot
 * read as a time or a duration, as null and notes it in the reader's {@link UnreadValues}, so that the
 * rest of the input is still read and checked. Only one value's issue is noted: malformed input, a
 * broken limit, a repeated key or a wrong type for the whole document still stop the reading, as does
 * any refusal for a reader given no {@link UnreadValues}.
 */
final class WrongTypesSkipped extends ValueDeserializerModifier {

    private final Function<DeserializationContext, UnreadValues> unread;
    private final WrongTypeIssue issue;

    WrongTypesSkipped(Function<DeserializationContext, UnreadValues> unread, WrongTypeIssue issue) {
        this.unread = unread;
        this.issue = issue;
    }

    @Override
    public ValueDeserializer<?> modifyDeserializer(
            DeserializationConfig config, BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
        return new Skipping(deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyEnumDeserializer(
            DeserializationConfig config,
            JavaType type,
            BeanDescription.Supplier description,
            ValueDeserializer<?> deserializer) {
        return new Skipping(deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyReferenceDeserializer(
            DeserializationConfig config,
            ReferenceType type,
            BeanDescription.Supplier description,
            ValueDeserializer<?> deserializer) {
        return new Skipping(deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyArrayDeserializer(
            DeserializationConfig config,
            ArrayType type,
            BeanDescription.Supplier description,
            ValueDeserializer<?> deserializer) {
        return new Skipping(deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyCollectionDeserializer(
            DeserializationConfig config,
            CollectionType type,
            BeanDescription.Supplier description,
            ValueDeserializer<?> deserializer) {
        return new Skipping(deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyMapDeserializer(
            DeserializationConfig config,
            MapType type,
            BeanDescription.Supplier description,
            ValueDeserializer<?> deserializer) {
        return new Skipping(deserializer);
    }

    /**
     * Whether {@code refusal} is of a value's type or range, or of the text of a time or a duration,
     * which every reader words by what the field takes and never with the text: a string in the
     * wrong format for anything else still stops the reading.
     */
    private static boolean wrongType(JacksonException refusal) {
        if (refusal instanceof InputCoercionException) {
            return true;
        }
        if (refusal instanceof UnrecognizedPropertyException) {
            return false;
        }
        return !(refusal instanceof InvalidFormatException format)
                || !(format.getValue() instanceof String)
                || String.valueOf(format.getOriginalMessage()).startsWith("Cannot coerce")
                || isTime(format.getTargetType());
    }

    private static boolean isTime(Class<?> type) {
        return type != null
                && (TemporalAccessor.class.isAssignableFrom(type) || TemporalAmount.class.isAssignableFrom(type));
    }

    /** One value's reader that, for a noting reader, skips a value of the wrong type instead of failing. */
    private final class Skipping extends DelegatingDeserializer {

        Skipping(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Skipping(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            UnreadValues values = unread.apply(context);
            if (values == null) {
                return _delegatee.deserialize(parser, context);
            }
            String field = FieldPaths.ofValue(parser);
            Object outer = context.getAttribute(UnknownFields.OBJECT_PATH);
            context.setAttribute(UnknownFields.OBJECT_PATH, field);
            try {
                return field.equals("body")
                        ? _delegatee.deserialize(parser, context)
                        : skipWrongType(parser, context, values, field);
            } finally {
                context.setAttribute(UnknownFields.OBJECT_PATH, outer);
            }
        }

        private Object skipWrongType(
                JsonParser parser, DeserializationContext context, UnreadValues values, String field) {
            boolean structure =
                    parser.currentToken() != null && parser.currentToken().isStructStart();
            int depth = parser.streamReadContext().getNestingDepth();
            try {
                return _delegatee.deserialize(parser, context);
            } catch (MismatchedInputException | InputCoercionException refusal) {
                FieldIssue noted = noted(refusal, field);
                if (noted == null) {
                    throw refusal;
                }
                if (structure) {
                    // a limit broken in what is skipped stops the reading, and is then the one issue here
                    skipRest(parser, depth);
                }
                values.add(noted);
                // a primitive cannot be null; its zero is never saved, as the noted issue refuses the write
                Class<?> type = _delegatee.handledType();
                return type != null && type.isPrimitive()
                        ? _delegatee.getEmptyValue(context)
                        : _delegatee.getNullValue(context);
            }
        }

        private FieldIssue noted(JacksonException refusal, String field) {
            return wrongType(refusal) ? issue.of(refusal, field) : null;
        }

        /** Reads on to the end of the object or array that was entered at {@code depth}. */
        private static void skipRest(JsonParser parser, int depth) {
            while (parser.streamReadContext().getNestingDepth() >= depth && parser.nextToken() != null) {
                // skipping the tokens of a value already refused
            }
        }
    }
}
