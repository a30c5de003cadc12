package io.countersign.web.pages;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A decision refused for its comment alone (a rejection without its reason, a comment too long): the
 * page is shown again with the comment kept in its field and the message beside it, as the decision
 * link's page does, rather than a banner above a form that lost what was typed.
 *
 * @param request the request decided, for the approvals page to mark the right one
 * @param decision {@code approve} or {@code reject}, the form the comment came from
 */
record RefusedComment(String request, String decision, String comment, String message) {

    static Optional<RefusedComment> of(InvalidInputException e, String request, String decision, String comment) {
        if (e.issues().isEmpty() || !e.issues().stream().allMatch(issue -> "comment".equals(issue.field()))) {
            return Optional.empty();
        }
        return Optional.of(new RefusedComment(request, decision, comment == null ? "" : comment, sentences(e)));
    }

    /** Every issue as a sentence of its own, without the field name a person never sees on the form. */
    static String sentences(InvalidInputException e) {
        return e.issues().stream().map(RefusedComment::sentence).collect(Collectors.joining(" "));
    }

    // public, as the pages' templates call them
    public boolean about(String id, String form) {
        return request.equals(id) && decision.equals(form);
    }

    /** "must be at most 2000 characters" reads as a sentence under its field, "request req-1 has…" alone. */
    private static String sentence(FieldIssue issue) {
        String text = Character.toUpperCase(issue.message().charAt(0))
                + issue.message().substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
