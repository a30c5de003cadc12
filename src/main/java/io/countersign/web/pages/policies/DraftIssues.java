package io.countersign.web.pages.policies;

import io.countersign.policy.OnTimeout;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.WholeNumbers;
import io.countersign.web.pages.FormText;
import io.countersign.web.pages.WrittenDurations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The problems of reading the editor's text fields (a number that is not one, a duration in no known
 * form), with the same field paths as the policy's own validation so both show beside their field.
 */
final class DraftIssues {

    final List<FieldIssue> issues = new ArrayList<>();

    Integer integer(String value, String field) {
        if (FormText.blank(value)) {
            return null;
        }
        // the editor reads a number as the API does, so "+5" or another script's digits are not saved as 5
        OptionalInt read = WholeNumbers.parseInt(value.trim());
        if (read.isEmpty() && WholeNumbers.isDecimal(value.trim())) {
            // digits, but more than a policy's numbers hold: the range is what helps, as in the API
            issues.add(new FieldIssue(
                    field,
                    "out_of_range",
                    "is out of range (from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")"));
            return null;
        }
        if (read.isEmpty()) {
            issues.add(new FieldIssue(field, "invalid_number", "must be a whole number in the digits 0-9, such as 2"));
            return null;
        }
        return read.getAsInt();
    }

    /** As people write it ({@code 4h}, {@code 1d 2h}, {@code 30m}) or ISO-8601 ({@code PT1H30M}). */
    Duration duration(String value, String field) {
        if (FormText.blank(value)) {
            return null;
        }
        Optional<Duration> read = WrittenDurations.read(value);
        if (read.isEmpty()) {
            issues.add(new FieldIssue(field, "invalid_duration", "must be a duration such as 4h, 1d 2h or 30m"));
        }
        return read.orElse(null);
    }

    OnTimeout onTimeout(String value, String field) {
        if (FormText.blank(value)) {
            return null;
        }
        for (OnTimeout option : OnTimeout.values()) {
            if (option.name().equals(value.trim())) {
                return option;
            }
        }
        issues.add(new FieldIssue(field, "invalid_value", "must be REJECT or ESCALATE"));
        return null;
    }
}
