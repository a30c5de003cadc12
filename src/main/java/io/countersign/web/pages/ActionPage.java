package io.countersign.web.pages;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.request.ActionTokenView;
import io.countersign.request.RequestDetails;
import java.time.Duration;
import java.time.Instant;

/**
 * What the decision page shows about a request, as display text; the template escapes every value and
 * writes its times and durations as every page does ({@code startsAt} null: as soon as approved).
 * Steps are counted from one for people (the API counts from zero).
 */
record ActionPage(
        String requestId,
        String requester,
        String account,
        String resource,
        Duration duration,
        Instant startsAt,
        String justification,
        String ticket,
        String step,
        Instant deadline,
        String approver,
        String onBehalfOf) {

    static ActionPage of(ActionTokenView view, Directory directory) {
        RequestDetails request = view.request();
        String step = "Step " + (view.step() + 1) + " of " + view.stepCount()
                + (view.stepName() == null ? "" : ": " + view.stepName());
        return new ActionPage(
                view.requestId(),
                person(request.requester(), directory),
                request.account(),
                request.resource(),
                request.duration(),
                request.startsAt(),
                request.justification(),
                request.ticket(),
                step,
                view.deadline(),
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
}
