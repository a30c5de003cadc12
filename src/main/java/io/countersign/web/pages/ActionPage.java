package io.countersign.web.pages;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.request.ActionTokenView;
import io.countersign.request.RequestDetails;
import io.countersign.shared.Counted;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the decision page shows about a request, as display text; the template escapes every value.
 * Steps are counted from one for people (the API counts from zero).
 */
record ActionPage(
        String requestId,
        String requester,
        String account,
        String resource,
        String duration,
        String startsAt,
        String justification,
        String ticket,
        String step,
        String deadline,
        String approver,
        String onBehalfOf) {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    static ActionPage of(ActionTokenView view, Directory directory) {
        RequestDetails request = view.request();
        String step = "Step " + (view.step() + 1) + " of " + view.stepCount()
                + (view.stepName() == null ? "" : ": " + view.stepName());
        return new ActionPage(
                view.requestId(),
                person(request.requester(), directory),
                request.account(),
                request.resource(),
                duration(request.duration()),
                request.startsAt() == null ? "as soon as approved" : WHEN.format(request.startsAt()),
                request.justification(),
                request.ticket(),
                step,
                WHEN.format(view.deadline()),
                view.approver() == null ? null : person(view.approver(), directory),
                view.onBehalfOf() == null ? null : person(view.onBehalfOf(), directory));
    }

    /** "Dana Dev (dev)", or the username alone when there is no display name or no such user. */
    private static String person(String username, Directory directory) {
        return directory
                .findUser(username)
                .map(User::displayName)
                .filter(name -> !name.isBlank() && !name.equals(username))
                .map(name -> name + " (" + username + ")")
                .orElse(username);
    }

    static String when(Instant at) {
        return WHEN.format(at);
    }

    /** "2 hours 30 minutes", "45 minutes", "1 day 4 hours". */
    static String duration(Duration duration) {
        StringBuilder text = new StringBuilder();
        append(text, duration.toDaysPart(), "day");
        append(text, duration.toHoursPart(), "hour");
        append(text, duration.toMinutesPart(), "minute");
        return text.isEmpty() ? Counted.of(duration.toSeconds(), "second") : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(text.isEmpty() ? "" : " ").append(Counted.of(amount, unit));
        }
    }
}
