package io.countersign.shared;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * What the JSON and YAML parsers refused, told the same way for API bodies and bundles, in the
 * product's words rather than the parser's.
 */
public final class ParserRefusals {

    private static final Set<Class<?>> WHOLE_NUMBERS =
            Set.of(Integer.class, int.class, Long.class, long.class, Short.class, short.class, BigInteger.class);

    private static final Pattern MAXIMUM = Pattern.compile("maximum allowed \\((\\d+)");

    /** Java exception names heading a message that wraps another failure's ("java.io.EOFException: …"). */
    private static final Pattern EXCEPTION_NAMES = Pattern.compile("^(?:(?:[A-Za-z_$][\\w$]*\\.)+[A-Z][\\w$]*: )+");

    /** Where the parser's explanation turns to its own settings: cut there, the rest names its classes. */
    private static final List<String> SETTING_HINTS =
            List.of(": enable `", " (not recognized as one since", " (from `", "; enable `");

    /** Where the parser starts quoting the document: a quote, or a parenthesis around a quoted character. */
    private static final Pattern QUOTED = Pattern.compile("['\"(]");

    private ParserRefusals() {}

    /** Which parsing limit a document broke, and the limit. */
    public static String limitBroken(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        Matcher maximum = MAXIMUM.matcher(message);
        String most = maximum.find() ? maximum.group(1) : null;
        if (most == null) {
            return "exceeds a parsing limit";
        }
        if (message.startsWith("Document nesting depth")) {
            return nestedTooDeeply(Integer.parseInt(most));
        }
        if (message.startsWith("Number value length")) {
            return "holds a number that is too long (at most " + most + " digits)";
        }
        if (message.startsWith("String value length")) {
            return "holds a string that is too long (at most " + most + " characters)";
        }
        if (message.startsWith("Name length")) {
            return "holds a key that is too long (at most " + most + " characters)";
        }
        return "exceeds a parsing limit (at most " + most + ")";
    }

    /** A document nested deeper than the {@code most} levels it may have. */
    public static String nestedTooDeeply(int most) {
        return "is nested too deeply (at most " + most + " levels)";
    }

    /** A whole number beyond what its field holds, with the range it does hold. */
    public static String outOfRange(InputCoercionException e) {
        Class<?> target = e.getTargetType();
        if (target == int.class || target == Integer.class) {
            return "is out of range (from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")";
        }
        if (target == long.class || target == Long.class) {
            return "is out of range (from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")";
        }
        if (target == short.class || target == Short.class) {
            return "is out of range (from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE + ")";
        }
        if (target == Instant.class) {
            return Timestamps.RANGE;
        }
        return "is out of range";
    }

    /**
     * The parser's own explanation of malformed input (an unexpected character, a missing quote),
     * first line only, without the names of Java exceptions it wraps, the source excerpt it appends or
     * the setting it suggests enabling, and without the text it found there: that is quoted from the
     * document, and a password sent without quotes is the unrecognized token it would quote.
     */
    public static String reason(JacksonException e) {
        String message = EXCEPTION_NAMES
                .matcher(String.valueOf(e.getOriginalMessage())
                        .lines()
                        .findFirst()
                        .orElse(""))
                .replaceFirst("");
        int end = message.indexOf(" (start marker");
        for (String hint : SETTING_HINTS) {
            int at = message.indexOf(hint);
            if (at >= 0 && (end < 0 || at < end)) {
                end = at;
            }
        }
        message = end < 0 ? message : message.substring(0, end);
        if (message.startsWith("Unrecognized token")) {
            return "a word that is not a JSON value; text goes in double quotes";
        }
        Matcher quoted = QUOTED.matcher(message);
        if (!quoted.find()) {
            return message;
        }
        // what the parser expected is its own words; what it found is the document's
        int expected = message.indexOf(": was expecting ", quoted.start());
        String head = message.substring(0, quoted.start()).strip();
        head = head.endsWith(":") ? head.substring(0, head.length() - 1) : head;
        return expected < 0 ? head : head + message.substring(expected);
    }

    /** Where the parser stopped, as " at line 3, column 14", or nothing when it does not know. */
    public static String position(JacksonException e) {
        var location = e.getLocation();
        return location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * A number with a fraction or an exponent where only a whole number is taken: refused rather than
     * cut, since {@code "requiredApprovals": 1.9} read as 1 would weaken a policy.
     */
    public static boolean fractionForWholeNumber(InvalidFormatException e) {
        return e.getTargetType() != null
                && WHOLE_NUMBERS.contains(e.getTargetType())
                && e.getValue() instanceof Number value
                && !(value instanceof Integer || value instanceof Long || value instanceof BigInteger);
    }
}
