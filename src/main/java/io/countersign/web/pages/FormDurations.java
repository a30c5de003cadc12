package io.countersign.web.pages;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as the request form asks for them ({@code 2h}, {@code 90m}, {@code 1h30m}) rather
 * than as ISO-8601 ({@code PT2H}), which the form accepts but does not expect people to write. The
 * page's template calls {@link #of} on the instance it is given.
 */
public final class FormDurations {

    static final FormDurations INSTANCE = new FormDurations();

    // whole hours, minutes and seconds only: a fraction of a second is left as the service wrote it
    private static final Pattern ISO = Pattern.compile("\\bPT(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?(?![\\w.])");

    private FormDurations() {}

    /** {@code 1h30m} for 90 minutes; null for null. */
    public String of(Duration duration) {
        return human(duration);
    }

    static String human(Duration duration) {
        if (duration == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        if (duration.toHours() > 0) {
            text.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            text.append(duration.toSecondsPart()).append('s');
        }
        return text.isEmpty() ? "0m" : text.toString();
    }

    /** The text with every ISO-8601 duration in it written as the form takes durations. */
    static String inText(String text) {
        if (text == null) {
            return null;
        }
        Matcher iso = ISO.matcher(text);
        return iso.replaceAll(found -> Matcher.quoteReplacement(human(Duration.parse(found.group()))));
    }
}
