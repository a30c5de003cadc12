package io.countersign.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Instants and durations are read from ISO-8601 text only, durations without a sign ({@link
 * IsoDurations}). Jackson would otherwise take a number as
 * seconds ({@code "duration": 7200} as two hours, {@code 1.5} as one and a half seconds) or as an
 * epoch second, and a client that meant minutes or milliseconds would get something else without a
 * word. An instant outside what the database stores ({@link Timestamps#storable}) is out of range,
 * as a number too large for its field is, rather than a failure once it reaches a query.
 */
public final class TimesAsText {

    private TimesAsText() {}

    /**
     * What a field of {@code type} takes, by example, when it is an instant or a duration; null for any
     * other type. Said without the value sent, which may be a secret pasted into the wrong field.
     */
    public static String mustBe(Class<?> type) {
        if (type == Instant.class) {
            return "must be an ISO-8601 instant such as 2025-01-31T09:30:00Z";
        }
        if (type == Duration.class) {
            return "must be an ISO-8601 duration in days, hours, minutes or seconds, such as PT1H or P1D";
        }
        return null;
    }

    public static SimpleModule module() {
        return new SimpleModule("times-as-text").setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(
                    DeserializationConfig config,
                    BeanDescription.Supplier description,
                    ValueDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                boolean time = Temporal.class.isAssignableFrom(type) || TemporalAmount.class.isAssignableFrom(type);
                return time ? new TextOnly(deserializer) : deserializer;
            }
        });
    }

    private static final class TextOnly extends DelegatingDeserializer {

        TextOnly(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.reportInputMismatch(
                        this,
                        "Cannot deserialize value of type `%s` from %s: only ISO-8601 text is read",
                        handledType().getName(),
                        parser.currentToken());
            }
            if (Duration.class.equals(handledType()) && IsoDurations.signed(parser.getString())) {
                // refused as any other duration that cannot be read, never echoed
                return context.handleWeirdStringValue(Duration.class, parser.getString(), "a duration has no sign");
            }
            Object read = super.deserialize(parser, context);
            if (read instanceof Instant instant && !Timestamps.storable(instant)) {
                // a range issue like a number too large for its field: named on the field, never echoed
                throw new InputCoercionException(
                        parser, "instant out of the storable range", JsonToken.VALUE_STRING, Instant.class);
            }
            return read;
        }
    }
}
