package io.countersign.chat.internal;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What a Telegram bot's updates do, once their secret token was checked: {@code /link <code>} links
 * the sender's Telegram account ({@link TelegramLinking}); an Approve button decides; a Reject button
 * asks for the reason with a ForceReply message, and the reply to it decides. Whatever decides nothing
 * is answered and audited.
 */
@Component
public class TelegramWebhook {

    private final TelegramPlatform bot;
    private final TelegramLinking linking;
    private final ChatLinkStore links;
    private final ActionTokens tokens;
    private final TelegramRejections rejections;
    private final Directory directory;
    private final Clock clock;
    private final DecisionRefusals refusals;

    TelegramWebhook(
            TelegramPlatform bot,
            TelegramLinking linking,
            ChatLinkStore links,
            ActionTokens tokens,
            TelegramRejections rejections,
            Directory directory,
            Clock clock,
            DecisionRefusals refusals) {
        this.bot = bot;
        this.linking = linking;
        this.links = links;
        this.tokens = tokens;
        this.rejections = rejections;
        this.directory = directory;
        this.clock = clock;
        this.refusals = refusals;
    }

    public void handle(ChatChannel channel, JsonNode update) {
        if (update.has("callback_query")) {
            clicked(channel, update.get("callback_query"));
        } else if (update.has("message")) {
            written(channel, update.get("message"));
        }
    }

    private void clicked(ChatChannel channel, JsonNode query) {
        String queryId = query.path("id").asString("");
        String from = query.path("from").path("id").asString("");
        Optional<TelegramCallback> callback =
                TelegramCallback.parse(query.path("data").asString(null));
        if (callback.isEmpty()) {
            refuseStranger(channel, queryId, from, null, "this button is not one Countersign made");
            return;
        }
        Optional<User> user = linkedUser(from);
        Optional<ActionTokenView> token = tokens.peek(callback.get().token(), Channel.TELEGRAM, channel.name());
        String requestId = token.map(ActionTokenView::requestId).orElse(null);
        if (user.isEmpty()) {
            refuseStranger(
                    channel,
                    queryId,
                    from,
                    requestId,
                    "your Telegram account is not linked to an active Countersign user");
            return;
        }
        if (token.isEmpty()) {
            refuseStranger(channel, queryId, from, null, ChatRefusals.reason(ActionTokenRefused.Reason.UNKNOWN));
            return;
        }
        String userId = directory.idOf(user.get().username()).orElseThrow();
        if (!token.get().approverId().equals(userId)) {
            refuse(channel, queryId, from, requestId, ChatRefusals.reason(ActionTokenRefused.Reason.WRONG_APPROVER));
            return;
        }
        if (token.get().used()) {
            refuse(channel, queryId, from, requestId, ChatRefusals.reason(ActionTokenRefused.Reason.USED));
            return;
        }
        if (callback.get().approve()) {
            decide(channel, from, userId, callback.get().token(), true, null, requestId, queryId, null);
            return;
        }
        // asking for a reason that could decide nothing would only waste the approver's time
        Optional<ActionTokenRefused.Reason> dead = token.get().refusalAt(clock.instant());
        if (dead.isPresent()) {
            refuse(channel, queryId, from, requestId, ChatRefusals.reason(dead.get()));
            return;
        }
        String chat = query.path("message").path("chat").path("id").asString(from);
        Map<String, Object> ask = new LinkedHashMap<>();
        ask.put("chat_id", chat);
        ask.put("text", "Why do you reject " + requestId + "? Reply to this message with the reason.");
        ask.put("reply_markup", Map.of("force_reply", true, "input_field_placeholder", "Reason for rejecting"));
        TelegramPlatform.Answered sent = bot.call(channel, "sendMessage", ask);
        if (sent.failure() == null) {
            String messageId = sent.body().path("result").path("message_id").asString();
            rejections.hold(channel.name(), chat, messageId, callback.get().token(), from);
            answer(channel, queryId, "Reply with your reason to reject " + requestId + ".", false);
        } else {
            answer(channel, queryId, "Countersign could not ask for a reason; press Reject again.", true);
        }
    }

    private void written(ChatChannel channel, JsonNode message) {
        String from = message.path("from").path("id").asString("");
        String chat = message.path("chat").path("id").asString(from);
        String text = message.path("text").asString("").strip();
        // in a group a command may name the bot it is for: /link@countersign_bot
        String command = text.split("\\s+", 2)[0];
        if (command.equals("/link") || command.startsWith("/link@")) {
            boolean direct = "private".equals(message.path("chat").path("type").asString(""));
            linking.link(
                    channel,
                    chat,
                    direct,
                    from,
                    text.substring(command.length()).strip());
            return;
        }
        JsonNode repliedTo = message.path("reply_to_message");
        if (repliedTo.isMissingNode() || repliedTo.isNull()) {
            return;
        }
        Optional<TelegramRejections.Pending> pending = rejections.take(
                channel.name(), chat, repliedTo.path("message_id").asString(""), from);
        if (pending.isEmpty()) {
            return;
        }
        Optional<String> userId = linkedUser(from).flatMap(u -> directory.idOf(u.username()));
        String requestId = tokens.peek(pending.get().token(), Channel.TELEGRAM, channel.name())
                .map(ActionTokenView::requestId)
                .orElse(null);
        if (userId.isEmpty()) {
            refusals.ofStranger(
                    ChatType.TELEGRAM,
                    channel.name(),
                    from,
                    requestId,
                    "your Telegram account is not linked to an active Countersign user");
            say(
                    channel,
                    chat,
                    "Nothing was decided: your Telegram account is not linked to an active Countersign user.");
            return;
        }
        if (text.isEmpty()) {
            say(channel, chat, "Not rejected: a rejection needs a reason. Press Reject again.");
            return;
        }
        decide(channel, from, userId.get(), pending.get().token(), false, text, requestId, null, chat);
    }

    /** Redeems the token; answers the click (or writes to the chat of a reply) with the outcome. */
    private void decide(
            ChatChannel channel,
            String from,
            String userId,
            String token,
            boolean approve,
            String reason,
            String requestId,
            String queryId,
            String chat) {
        String outcome;
        boolean refused = false;
        try {
            tokens.redeem(
                    token,
                    Channel.TELEGRAM,
                    channel.name(),
                    approve,
                    reason,
                    userId,
                    ChatRefusals.sourceOf(ChatType.TELEGRAM, from));
            outcome = (approve ? "Approved " : "Rejected ") + requestId + ".";
        } catch (ActionTokenRefused e) {
            String why = ChatRefusals.reason(e.refusal());
            refusals.ofApprover(ChatType.TELEGRAM, from, requestId, why);
            outcome = "Nothing was decided: " + why + ".";
            refused = true;
        } catch (InvalidInputException e) {
            // the reason broke a rule every comment keeps (its length, its characters); nothing was used
            outcome = "Not " + (approve ? "approved" : "rejected") + ": the reason "
                    + e.issues().get(0).message() + ". Press " + (approve ? "Approve" : "Reject") + " again.";
            refused = true;
        }
        if (queryId != null) {
            answer(channel, queryId, outcome, refused);
        } else {
            say(channel, chat, outcome);
        }
    }

    /** The active Countersign user the Telegram account is linked to. */
    private Optional<User> linkedUser(String telegramUser) {
        return links.userOf(ChatType.TELEGRAM, telegramUser)
                .flatMap(directory::findUserById)
                .filter(User::active);
    }

    /** A linked approver's click that decides nothing. */
    private void refuse(ChatChannel channel, String queryId, String from, String requestId, String why) {
        refusals.ofApprover(ChatType.TELEGRAM, from, requestId, why);
        answer(channel, queryId, "Nothing was decided: " + why + ".", true);
    }

    /** A click of an account linked to nobody, or on a button Countersign never made. */
    private void refuseStranger(ChatChannel channel, String queryId, String from, String requestId, String why) {
        refusals.ofStranger(ChatType.TELEGRAM, channel.name(), from, requestId, why);
        answer(channel, queryId, "Nothing was decided: " + why + ".", true);
    }

    private void answer(ChatChannel channel, String queryId, String text, boolean alert) {
        bot.call(
                channel,
                "answerCallbackQuery",
                Map.of(
                        "callback_query_id",
                        queryId,
                        "text",
                        ChatMessage.cut(text, TelegramText.CALLBACK_ANSWER),
                        "show_alert",
                        alert));
    }

    private void say(ChatChannel channel, String chat, String text) {
        bot.call(channel, "sendMessage", Map.of("chat_id", chat, "text", ChatMessage.cut(text, TelegramText.MESSAGE)));
    }
}
