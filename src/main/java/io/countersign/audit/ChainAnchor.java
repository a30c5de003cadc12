package io.countersign.audit;

import io.countersign.shared.Problems;
import io.countersign.shared.WholeNumbers;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A chain head kept outside the database, such as a signed checkpoint: event number {@code events}
 * carried {@code headHash}. Verifying against it reveals what the chain alone cannot: newest events
 * deleted with the head moved back, or everything up to it rewritten and rehashed.
 */
public record ChainAnchor(long events, String headHash) {

    /**
     * Reads an anchor from request parameters: both or neither must be given; {@code events} is a
     * positive whole number in decimal digits and {@code headHash} 64 hexadecimal digits. Every problem is reported at
     * once.
     *
     * @return null when neither is given
     * @throws io.countersign.shared.InvalidInputException naming each malformed parameter
     */
    public static ChainAnchor fromParameters(String events, String headHash) {
        String count = blankToNull(events);
        String hash = blankToNull(headHash);
        if (count == null && hash == null) {
            return null;
        }
        Problems problems = new Problems();
        long parsed = 0;
        if (count == null) {
            problems.add("events", "required", "must be given with 'headHash'");
        } else {
            OptionalLong read = WholeNumbers.parseLong(count);
            if (read.isPresent()) {
                parsed = read.getAsLong();
                problems.check(parsed >= 1, "events", "out_of_range", "must be at least 1");
            } else {
                problems.add("events", "invalid_value", "must be the whole number of events of a checkpoint");
            }
        }
        if (hash == null) {
            problems.add("headHash", "required", "must be given with 'events'");
        } else {
            problems.check(
                    hash.length() == 64 && hash.chars().allMatch(ChainAnchor::isHexDigit),
                    "headHash",
                    "invalid_hash",
                    "must be 64 hexadecimal digits");
        }
        problems.throwIfAny();
        return new ChainAnchor(parsed, hash.toLowerCase(Locale.ROOT));
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
