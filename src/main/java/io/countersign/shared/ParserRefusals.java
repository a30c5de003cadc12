package io.countersign.shared;

import java.math.BigInteger;
import java.util.Set;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * What the JSON and YAML parsers refused, told the same way for API bodies and bundles, in the
 * product's words rather than the parser's.
 */
public final class ParserRefusals {

    private static final Set<Class<?>> WHOLE_NUMBERS =
            Set.of(Integer.class, int.class, Long.class, long.class, Short.class, short.class, BigInteger.class);

    private ParserRefusals() {}

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
