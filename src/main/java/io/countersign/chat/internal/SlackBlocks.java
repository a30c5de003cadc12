package io.countersign.chat.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message in Slack's Block Kit: a header, the facts as section fields, and a button to the request
 * page; {@code text} is the fallback Slack shows in notifications. Every text is {@code plain_text}
 * with emoji codes off: requesters write the justification and the ticket, and mrkdwn has no escape
 * for {@code *}, {@code _}, {@code ~} or a backtick, and links addresses, channels and mentions
 * unless told otherwise; plain text shows as it was written.
 */
final class SlackBlocks {

    /** Slack's limits: a header's text, a section's fields and a field's text. */
    private static final int HEADER = 150;

    static final String APPROVE = "approve_request";
    static final String REJECT = "reject_request";

    private static final int FIELDS = 10;
    private static final int FIELD = 2000;

    private SlackBlocks() {}

    /** The message; with {@code token}, Approve and Reject buttons whose value is that action token. */
    static Map<String, Object> of(ChatMessage message, String token) {
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", plain(cut(message.headline(), HEADER))));
        List<Object> fields = new ArrayList<>();
        for (ChatMessage.Fact fact :
                message.facts().subList(0, Math.min(FIELDS, message.facts().size()))) {
            fields.add(plain(cut(fact.label() + ": " + fact.value(), FIELD)));
        }
        blocks.add(Map.of("type", "section", "fields", fields));
        List<Object> buttons = new ArrayList<>();
        if (token != null) {
            buttons.add(Map.of(
                    "type",
                    "button",
                    "action_id",
                    APPROVE,
                    "style",
                    "primary",
                    "text",
                    plain("Approve"),
                    "value",
                    token));
            buttons.add(Map.of(
                    "type", "button", "action_id", REJECT, "style", "danger", "text", plain("Reject"), "value", token));
        }
        if (message.link() != null) {
            buttons.add(Map.of(
                    "type",
                    "button",
                    "action_id",
                    "open_request",
                    "text",
                    plain(message.open() ? "Open request" : "View request"),
                    "url",
                    message.link()));
        }
        if (!buttons.isEmpty()) {
            blocks.add(Map.of("type", "actions", "elements", buttons));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", message.headline());
        body.put("blocks", blocks);
        return body;
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text, "emoji", false);
    }

    private static String cut(String text, int max) {
        return ChatMessage.cut(text, max);
    }
}
