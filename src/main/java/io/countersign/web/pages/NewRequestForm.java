package io.countersign.web.pages;

import io.countersign.request.RequestInput;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Problems;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the request form sends, as typed. {@code duration} is written as people write it ({@code 2h},
 * {@code 90m}, {@code 1h30m}, {@code 1d}) or as ISO-8601 ({@code PT2H}); {@code start} is {@code now} or {@code
 * later}, and then {@code startsAt} is a local date and time read as UTC. {@code key} identifies one
 * filled-in form, so that pressing the button twice creates one request.
 */
record NewRequestForm(
        String resource,
        String account,
        String duration,
        String start,
        String startsAt,
        String justification,
        String ticket,
        String key) {

    private static final String UNREADABLE = "write it as 2h, 90m, 1h30m or 1d";

    static NewRequestForm empty(String key) {
        return new NewRequestForm(null, null, null, "now", null, null, null, key);
    }

    NewRequestForm withKey(String newKey) {
        return new NewRequestForm(resource, account, duration, start, startsAt, justification, ticket, newKey);
    }

    public boolean later() {
        return "later".equals(start);
    }

    /**
     * The request the form asks for.
     *
     * @throws InvalidInputException naming the duration or start that could not be read
     */
    RequestInput toInput() {
        Problems problems = new Problems();
        RequestInput input = read(problems);
        problems.throwIfAny();
        return input;
    }

    /**
     * The request the form asks for, without the duration or start that could not be read: {@code
     * problems} names them, so that the rest can still be judged with them.
     */
    RequestInput read(Problems problems) {
        Duration asked = duration(problems);
        Instant from = startsAt(problems);
        return new RequestInput(resource, account, asked, justification, ticket, from, null);
    }

    private Duration duration(Problems problems) {
        if (duration == null || duration.isBlank()) {
            return null;
        }
        Optional<Duration> read = WrittenDurations.read(duration);
        if (read.isEmpty()) {
            problems.add("duration", "invalid_duration", UNREADABLE);
        }
        return read.orElse(null);
    }

    private Instant startsAt(Problems problems) {
        if (!later()) {
            // only a form that says nothing of the start means now; another word is no choice the form offers
            if (start != null && !start.isBlank() && !"now".equals(start)) {
                problems.add(
                        "start", "invalid_choice", "choose whether access starts as soon as it is approved or later");
            }
            return null;
        }
        if (startsAt == null || startsAt.isBlank()) {
            problems.add("startsAt", "required", "say when access should start, or choose to start now");
            return null;
        }
        return UtcTimes.parse(startsAt, "startsAt", problems);
    }
}
