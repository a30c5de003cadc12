package io.countersign.web.pages;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notification settings' refusal in the words of the profile page. The service names an entry of
 * a JSON list ({@code step_opened[0]}), which a person who typed {@code FAX} into the field labelled
 * {@code step_opened} never saw: each issue is put to the field of its kind, naming the channel typed.
 */
final class RefusedSubscriptions {

    private static final Pattern ENTRY = Pattern.compile("(.+)\\[(\\d+)]");

    private RefusedSubscriptions() {}

    /**
     * The same issues, each with the kind's field as the page labels it and a message that stands on its
     * own beside that field.
     *
     * @param typed the channels as read from each kind's field, in the order they were typed
     */
    static InvalidInputException worded(InvalidInputException refused, Map<String, List<String>> typed) {
        return new InvalidInputException(
                refused.issues().stream().map(issue -> worded(issue, typed)).toList());
    }

    private static FieldIssue worded(FieldIssue issue, Map<String, List<String>> typed) {
        Matcher entry = ENTRY.matcher(issue.field());
        if (!entry.matches()) {
            return issue;
        }
        String kind = entry.group(1);
        List<String> channels = typed.getOrDefault(kind, List.of());
        int index = Integer.parseInt(entry.group(2));
        String channel = index < channels.size() ? "'" + channels.get(index) + "' " : "";
        String message = "duplicate".equals(issue.code())
                ? channel + "is listed twice; list each channel once"
                : channel + issue.message();
        return new FieldIssue(kind, issue.code(), message);
    }
}
