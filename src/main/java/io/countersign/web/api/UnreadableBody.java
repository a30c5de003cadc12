package io.countersign.web.api;

import io.countersign.policy.PolicyDefinition.Step;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.ParserRefusals;
import io.countersign.web.ExpectedValues;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Says which field of a JSON body could not be read, and why, in the codes clients already know. */
final class UnreadableBody {

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate Object property \"(.*)\"", Pattern.DOTALL);

    static final FieldIssue NOT_UTF8 =
            new FieldIssue("body", "malformed_json", "the request body is not valid UTF-8: send it encoded as UTF-8");

    private UnreadableBody() {}

    static FieldIssue issue(HttpMessageNotReadableException e) {
        if (!(e.getCause() instanceof JacksonException json)) {
            return new FieldIssue("body", "malformed_json", "the request body is not well-formed JSON");
        }
        String path = path(json);
        if (path.isEmpty() && json instanceof StreamReadException read) {
            path = parserPath(read);
        }
        return issue(json, path);
    }

    /** What {@code json} refused at {@code path}, the empty path standing for the whole body. */
    static FieldIssue issue(JacksonException json, String path) {
        String field = path.isEmpty() ? "body" : path;
        if (json instanceof UnrecognizedPropertyException) {
            return new FieldIssue(field, "unknown_field", "is not a known field");
        }
        if (json instanceof InvalidFormatException format && ParserRefusals.fractionForWholeNumber(format)) {
            return new FieldIssue(field, "invalid_type", "must be a whole number");
        }
        if (json instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            String allowed = target != null && target.isEnum() ? "; one of " + List.of(target.getEnumConstants()) : "";
            if (wrongScalar(format)) {
                // never repeated: a number where text belongs may be a password or a token that the
                // caller means never to be shown again
                return new FieldIssue(field, "invalid_type", "must be " + shape(target) + allowed);
            }
            // never repeated either: an unknown name or a mistyped time may be a secret pasted into the
            // wrong field; and said in the words of the person who typed it, not the class it was read as
            return new FieldIssue(field, "invalid_value", ExpectedValues.mustBe(target));
        }
        if (json instanceof StreamConstraintsException limit) {
            // a limit of the whole document, whichever field the tokenizer was in when it broke it
            return new FieldIssue("body", "too_large", ParserRefusals.limitBroken(limit));
        }
        if (json instanceof InputCoercionException number) {
            String range = Step.rangeAt(field);
            return new FieldIssue(field, "out_of_range", range != null ? range : ParserRefusals.outOfRange(number));
        }
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(json.getOriginalMessage()));
        if (duplicate.find()) {
            String key = duplicate.group(1);
            String where = path.isEmpty() || path.equals(key) || path.endsWith("." + key) ? path : path + "." + key;
            return new FieldIssue(where.isEmpty() ? key : where, "duplicate_key", "appears more than once");
        }
        if (json instanceof UnexpectedEndOfInputException) {
            return new FieldIssue("body", "malformed_json", "the request body ends before the JSON document does");
        }
        if (json instanceof MismatchedInputException
                && String.valueOf(json.getOriginalMessage()).startsWith("Trailing token")) {
            return new FieldIssue(
                    "body", "malformed_json", "the request body holds more after its JSON value; send one value");
        }
        if (json instanceof MismatchedInputException mismatch) {
            // well-formed JSON of the wrong type, such as an array where an object belongs: said in JSON's
            // words, since the parser's own names the service's classes
            String wanted = wrongType(mismatch) ? shape(mismatch.getTargetType()) : null;
            if (path.isEmpty()) {
                return new FieldIssue(
                        "body",
                        "invalid_type",
                        wanted == null ? "the request body has the wrong type" : "the request body must be " + wanted);
            }
            return new FieldIssue(
                    field,
                    "invalid_type",
                    wanted == null ? "has the wrong type: " + reason(json) : "must be " + wanted);
        }
        if (json instanceof StreamReadException || path.isEmpty()) {
            return new FieldIssue(
                    "body",
                    "malformed_json",
                    "the request body is not well-formed JSON" + ParserRefusals.position(json) + ": " + reason(json));
        }
        return new FieldIssue(field, "invalid_value", "has the wrong type or format");
    }

    private static boolean wrongType(MismatchedInputException e) {
        String message = String.valueOf(e.getOriginalMessage());
        return e.getTargetType() != null
                && (message.startsWith("Cannot deserialize value of type")
                        || message.startsWith("Cannot coerce")
                        || message.startsWith("Cannot construct instance of"));
    }

    /** A number or a boolean where the field takes another kind of value. */
    private static boolean wrongScalar(InvalidFormatException e) {
        Object value = e.getValue();
        return e.getTargetType() != null
                && (value instanceof Number || value instanceof Boolean)
                && !shape(e.getTargetType()).equals(shape(value.getClass()));
    }

    /** What a value read as {@code target} must be, in JSON's words rather than the class's name. */
    private static String shape(Class<?> target) {
        if (target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "a JSON array";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "a JSON number";
        }
        if (CharSequence.class.isAssignableFrom(target)
                || target.isEnum()
                || TemporalAccessor.class.isAssignableFrom(target)
                || TemporalAmount.class.isAssignableFrom(target)) {
            return "a JSON string";
        }
        return "a JSON object";
    }

    private static String reason(JacksonException e) {
        return Echo.safe(ParserRefusals.reason(e));
    }

    /**
     * Where the parser stood when a token broke a limit or a rule: such errors come from below the
     * data binding and carry no path of their own.
     */
    private static String parserPath(StreamReadException e) {
        JsonParser parser = e.processor();
        if (parser == null) {
            return "";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (TokenStreamContext context = parser.streamReadContext();
                context != null && !context.inRoot();
                context = context.getParent()) {
            if (context.inObject() && context.currentName() != null) {
                parts.addFirst("." + context.currentName());
            } else if (context.inArray()) {
                parts.addFirst("[" + Math.max(0, context.getCurrentIndex()) + "]");
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    static String path(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
