package io.countersign.chat.internal;

import io.countersign.chat.ChatCallbackAnswer;
import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatType;
import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.request.ActionTokenRefused;
import io.countersign.request.ActionTokenView;
import io.countersign.request.ActionTokens;
import io.countersign.shared.Channel;
import io.countersign.shared.InvalidInputException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a signed Slack interaction does: Approve decides; Reject opens a modal asking for the reason,
 * and its submission decides. The clicking Slack user is the one active Countersign user whose e-mail
 * is their Slack profile's ({@code users.info}). Whatever decides nothing is audited and answered with
 * an ephemeral message (or, in the modal, an error under the reason).
 */
@Component
public class SlackInteractionHandler {

    private static final String MODAL = "reject_request";
    private static final String NO_SINGLE_USER = "your Slack e-mail is not that of exactly one active Countersign user";

    private final SlackPlatform slack;
    private final ChatHttp http;
    private final JsonMapper json;
    private final ActionTokens tokens;
    private final Directory directory;
    private final Clock clock;
    private final DecisionRefusals refusals;

    SlackInteractionHandler(
            SlackPlatform slack,
            ChatHttp http,
            JsonMapper json,
            ActionTokens tokens,
            Directory directory,
            Clock clock,
            DecisionRefusals refusals) {
        this.slack = slack;
        this.http = http;
        this.json = json;
        this.tokens = tokens;
        this.directory = directory;
        this.clock = clock;
        this.refusals = refusals;
    }

    public ChatCallbackAnswer handle(ChatChannel channel, JsonNode payload) {
        String type = payload.path("type").asString("");
        if (type.equals("block_actions")) {
            clicked(channel, payload);
        } else if (type.equals("view_submission")
                && MODAL.equals(payload.path("view").path("callback_id").asString(""))) {
            return submitted(channel, payload);
        }
        return ChatCallbackAnswer.ok();
    }

    private void clicked(ChatChannel channel, JsonNode payload) {
        JsonNode action = payload.path("actions").path(0);
        String actionId = action.path("action_id").asString("");
        if (!actionId.equals(SlackBlocks.APPROVE) && !actionId.equals(SlackBlocks.REJECT)) {
            return;
        }
        String slackUser = payload.path("user").path("id").asString("");
        String responseUrl = payload.path("response_url").asString(null);
        String token = action.path("value").asString("");
        Check check = check(channel, slackUser, token);
        if (check.refusal() != null) {
            ephemeral(responseUrl, refused(channel, slackUser, check));
            return;
        }
        if (actionId.equals(SlackBlocks.APPROVE)) {
            ephemeral(
                    responseUrl,
                    decide(channel, slackUser, check, token, true, null).text());
            return;
        }
        // a dialog asking for a reason that could decide nothing would only waste the approver's time
        Optional<ActionTokenRefused.Reason> dead = check.token().refusalAt(clock.instant());
        if (dead.isPresent()) {
            ephemeral(responseUrl, refusedNow(slackUser, check, ChatRefusals.reason(dead.get())));
            return;
        }
        Map<String, Object> view = Map.of(
                "type", "modal",
                "callback_id", MODAL,
                "private_metadata", token,
                "title", plain("Reject request"),
                "submit", plain("Reject"),
                "close", plain("Cancel"),
                "blocks",
                        List.of(Map.of(
                                "type",
                                "input",
                                "block_id",
                                "reason",
                                "label",
                                plain("Why do you reject " + check.requestId() + "?"),
                                "element",
                                Map.of(
                                        "type",
                                        "plain_text_input",
                                        "action_id",
                                        "reason",
                                        "multiline",
                                        true,
                                        "max_length",
                                        ActionTokens.MAX_COMMENT))));
        SlackPlatform.Call opened = slack.call(
                channel,
                "views.open",
                Map.of("trigger_id", payload.path("trigger_id").asString(""), "view", view),
                null);
        if (opened.failure() != null) {
            ephemeral(responseUrl, "Countersign could not ask for a reason; press Reject again.");
        }
    }

    private ChatCallbackAnswer submitted(ChatChannel channel, JsonNode payload) {
        String slackUser = payload.path("user").path("id").asString("");
        String token = payload.path("view").path("private_metadata").asString("");
        String reason = payload.path("view")
                .path("state")
                .path("values")
                .path("reason")
                .path("reason")
                .path("value")
                .asString("")
                .strip();
        Check check = check(channel, slackUser, token);
        String outcome = check.refusal() != null
                ? refused(channel, slackUser, check)
                : reason.isEmpty() ? "Not rejected: a rejection needs a reason." : null;
        if (outcome == null) {
            Outcome decided = decide(channel, slackUser, check, token, false, reason);
            if (decided.decided()) {
                return ChatCallbackAnswer.ok();
            }
            outcome = decided.text();
        }
        // Slack takes nothing but 200 from a submission: an error shows under the reason, the dialog stays
        return new ChatCallbackAnswer(
                200, json.writeValueAsString(Map.of("response_action", "errors", "errors", Map.of("reason", outcome))));
    }

    private String refusedNow(String slackUser, Check check, String why) {
        refusals.ofApprover(ChatType.SLACK, slackUser, check.requestId(), why);
        return "Nothing was decided: " + why + ".";
    }

    /** A click that failed the {@link #check}; one of somebody Countersign does not know is thinned. */
    private String refused(ChatChannel channel, String slackUser, Check check) {
        if (!check.stranger()) {
            return refusedNow(slackUser, check, check.refusal());
        }
        refusals.ofStranger(ChatType.SLACK, channel.name(), slackUser, check.requestId(), check.refusal());
        return "Nothing was decided: " + check.refusal() + ".";
    }

    /** {@code stranger}: the clicker is no single active user, or the button is none Countersign made. */
    private record Check(String userId, String requestId, String refusal, ActionTokenView token, boolean stranger) {

        Check(String userId, String requestId, String refusal) {
            this(userId, requestId, refusal, null, false);
        }

        static Check ofStranger(String requestId, String refusal) {
            return new Check(null, requestId, refusal, null, true);
        }
    }

    /**
     * The clicking user, as Countersign knows them, may use this token now; else why not. A button this
     * channel did not send (forged, or another Slack channel's) is refused before Slack is asked who
     * clicked: this channel's bot has no business looking up the users of another's clicks.
     */
    private Check check(ChatChannel channel, String slackUser, String token) {
        Optional<ActionTokenView> view = tokens.peek(token, Channel.SLACK, channel.name());
        if (view.isEmpty()) {
            return Check.ofStranger(null, ChatRefusals.reason(ActionTokenRefused.Reason.UNKNOWN));
        }
        String requestId = view.get().requestId();
        Clicker clicker = userOf(channel, slackUser);
        if (clicker.unknown() != null) {
            return Check.ofStranger(requestId, clicker.unknown());
        }
        Optional<String> userId = clicker.userId();
        if (!view.get().approverId().equals(userId.get())) {
            return new Check(null, requestId, ChatRefusals.reason(ActionTokenRefused.Reason.WRONG_APPROVER));
        }
        if (view.get().used()) {
            return new Check(null, requestId, ChatRefusals.reason(ActionTokenRefused.Reason.USED));
        }
        return new Check(userId.get(), requestId, null, view.get(), false);
    }

    private record Outcome(String text, boolean decided) {}

    private Outcome decide(
            ChatChannel channel, String slackUser, Check check, String token, boolean approve, String reason) {
        try {
            tokens.redeem(
                    token,
                    Channel.SLACK,
                    channel.name(),
                    approve,
                    reason,
                    check.userId(),
                    ChatRefusals.sourceOf(ChatType.SLACK, slackUser));
            return new Outcome((approve ? "Approved " : "Rejected ") + check.requestId() + ".", true);
        } catch (ActionTokenRefused e) {
            return new Outcome(refusedNow(slackUser, check, ChatRefusals.reason(e.refusal())), false);
        } catch (InvalidInputException e) {
            // the reason broke a rule every comment keeps (its length, its characters); nothing was used
            return new Outcome(
                    "Not " + (approve ? "approved" : "rejected") + ": the reason "
                            + e.issues().get(0).message() + ".",
                    false);
        }
    }

    /** Who clicked, as Countersign knows them; else why that is not known. */
    private record Clicker(Optional<String> userId, String unknown) {}

    /**
     * The one active user whose e-mail is the Slack user's verified profile e-mail. Slack failing to
     * answer says nothing about who clicked, so the clicker is told to try again rather than that their
     * e-mail matches nobody.
     */
    private Clicker userOf(ChatChannel channel, String slackUser) {
        if (slackUser.isEmpty()) {
            return new Clicker(Optional.empty(), NO_SINGLE_USER);
        }
        SlackPlatform.Call info = slack.call(channel, "users.info", null, Map.of("user", slackUser));
        if (info.failure() != null && !info.failure().error().endsWith(": user_not_found")) {
            String why = "Countersign could not ask Slack who you are ("
                    + info.failure().error() + ")";
            return new Clicker(Optional.empty(), info.failure().permanent() ? why : why + "; try again");
        }
        String email = info.failure() != null
                ? ""
                : info.body().path("user").path("profile").path("email").asString("");
        List<User> owners = email.isEmpty() ? List.of() : directory.activeUsersWithEmail(email);
        Optional<String> userId =
                owners.size() == 1 ? directory.idOf(owners.get(0).username()) : Optional.empty();
        return new Clicker(userId, userId.isEmpty() ? NO_SINGLE_USER : null);
    }

    private void ephemeral(String responseUrl, String text) {
        if (responseUrl != null && !responseUrl.isBlank()) {
            http.postJson(
                    responseUrl,
                    Map.of(),
                    json.writeValueAsString(
                            Map.of("response_type", "ephemeral", "replace_original", false, "text", text)));
        }
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text);
    }
}
