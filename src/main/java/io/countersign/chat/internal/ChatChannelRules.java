package io.countersign.chat.internal;

import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatChannelInput;
import io.countersign.chat.ChatType;
import io.countersign.notify.Webhooks;
import io.countersign.shared.HttpUrls;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import io.countersign.shared.outbound.OutboundAddresses;
import java.net.URI;

/**
 * Checks a channel as sent and merges it with the stored one: every problem is reported at once, and a
 * secret left out keeps the stored value (a settings page never has it to send back).
 */
public final class ChatChannelRules {

    private static final int MAX_SECRET = 2000;

    private ChatChannelRules() {}

    /**
     * @param stored the channel being replaced, or null for a new one
     * @param addresses where the channel's addresses may point
     */
    public static ChatChannel validated(ChatChannelInput in, ChatChannel stored, OutboundAddresses addresses) {
        Problems problems = new Problems();
        String name = stored != null ? stored.name() : Names.canonical(in.name());
        if (stored == null) {
            Names.check(problems, name, "name");
        } else if (in.name() != null && !stored.name().equals(Names.canonical(in.name()))) {
            problems.add("name", "name_mismatch", "must be '" + stored.name() + "' as in the path, or be left out");
        }
        ChatType type = in.type() != null ? in.type() : stored == null ? null : stored.type();
        if (type == null) {
            problems.add("type", "required", "must be one of SLACK, TEAMS, DISCORD, TELEGRAM");
            throw new InvalidInputException(problems.issues());
        }
        if (stored != null && stored.type() != type) {
            problems.add("type", "immutable", "cannot change; delete the channel and create another");
        }
        boolean same = stored != null && stored.type() == type;
        String botToken = secret(problems, in.botToken(), same ? stored.botToken() : null, "botToken");
        String signingSecret =
                secret(problems, in.signingSecret(), same ? stored.signingSecret() : null, "signingSecret");
        String webhookSecret =
                secret(problems, in.webhookSecret(), same ? stored.webhookSecret() : null, "webhookSecret");
        String webhookUrl = secret(problems, in.webhookUrl(), same ? stored.webhookUrl() : null, "webhookUrl");
        String apiBaseUrl = blankToNull(in.apiBaseUrl());
        boolean directMessages = Boolean.TRUE.equals(in.directMessages());
        String slackChannel = blankToNull(in.channel());
        String chatId = blankToNull(in.chatId());
        switch (type) {
            case SLACK -> {
                required(problems, botToken, "botToken");
                required(problems, signingSecret, "signingSecret");
                if (in.signingSecret() != null && signingSecret != null) {
                    // Slack's are 32 hex characters; a short one could be guessed and a click forged.
                    // One kept as stored was checked when given
                    problems.check(
                            signingSecret.length() >= Webhooks.MIN_SECRET_LENGTH,
                            "signingSecret",
                            "too_short",
                            "must be at least " + Webhooks.MIN_SECRET_LENGTH + " characters");
                }
                problems.check(
                        directMessages || slackChannel != null,
                        "channel",
                        "required",
                        "must name the channel to post to (its id, such as C0123456789), unless directMessages is true");
                problems.maxLength(slackChannel, "channel", 200);
                baseUrl(problems, addresses, apiBaseUrl, "apiBaseUrl");
            }
            case TEAMS, DISCORD -> {
                required(problems, webhookUrl, "webhookUrl");
                url(problems, addresses, webhookUrl, "webhookUrl");
            }
            case TELEGRAM -> {
                required(problems, botToken, "botToken");
                required(problems, webhookSecret, "webhookSecret");
                if (botToken != null) {
                    // the token goes into the Bot API's path: nothing in it may change the address
                    problems.check(
                            botToken.matches("[0-9]{1,20}:[A-Za-z0-9_-]{1,200}"),
                            "botToken",
                            "invalid",
                            "must be the token BotFather gave, such as 123456789:AAH…, of digits, a colon and A-Z,"
                                    + " a-z, 0-9, _ and -");
                }
                if (webhookSecret != null) {
                    // Telegram's own rule for secret_token; a new one also as long as a webhook's secret
                    // must be, so that it cannot be guessed. One kept as stored was checked when given
                    int least = in.webhookSecret() != null ? Webhooks.MIN_SECRET_LENGTH : 1;
                    problems.check(
                            webhookSecret.matches("[A-Za-z0-9_-]{" + least + ",256}"),
                            "webhookSecret",
                            "invalid",
                            "must be " + Webhooks.MIN_SECRET_LENGTH + " to 256 characters of A-Z, a-z, 0-9, _ and -");
                }
                problems.check(
                        chatId != null && chatId.matches("-?[0-9]{1,20}|@[A-Za-z0-9_]{5,32}"),
                        "chatId",
                        "invalid",
                        "must be the numeric id of the chat (such as -1001234567890) or @channelusername");
                baseUrl(problems, addresses, apiBaseUrl, "apiBaseUrl");
            }
        }
        notApplying(problems, in, type);
        problems.throwIfAny();
        boolean slack = type == ChatType.SLACK;
        boolean telegram = type == ChatType.TELEGRAM;
        boolean hook = type == ChatType.TEAMS || type == ChatType.DISCORD;
        return new ChatChannel(
                name,
                type,
                Boolean.TRUE.equals(in.isDefault()),
                slack ? slackChannel : null,
                slack && directMessages,
                telegram ? chatId : null,
                slack || telegram ? apiBaseUrl : null,
                slack || telegram ? botToken : null,
                slack ? signingSecret : null,
                telegram ? webhookSecret : null,
                hook ? webhookUrl : null);
    }

    /**
     * A field of another type's channel, given with a value, is refused rather than dropped: whoever
     * sent it believes it does something. Blank counts as not given, as a form sends every field.
     */
    private static void notApplying(Problems problems, ChatChannelInput in, ChatType type) {
        boolean slack = type == ChatType.SLACK;
        boolean telegram = type == ChatType.TELEGRAM;
        boolean hook = !slack && !telegram;
        notFor(problems, type, hook, in.botToken(), "botToken");
        notFor(problems, type, !slack, in.signingSecret(), "signingSecret");
        notFor(problems, type, !slack, in.channel(), "channel");
        problems.check(
                slack || !Boolean.TRUE.equals(in.directMessages()),
                "directMessages",
                "not_applicable",
                "does not apply to a " + type + " channel");
        notFor(problems, type, hook, in.apiBaseUrl(), "apiBaseUrl");
        notFor(problems, type, !hook, in.webhookUrl(), "webhookUrl");
        notFor(problems, type, !telegram, in.chatId(), "chatId");
        notFor(problems, type, !telegram, in.webhookSecret(), "webhookSecret");
    }

    private static void notFor(Problems problems, ChatType type, boolean foreign, String value, String field) {
        problems.check(
                !foreign || value == null || value.isBlank(),
                field,
                "not_applicable",
                "does not apply to a " + type + " channel");
    }

    /** The given secret; absent keeps the stored one, empty removes it. */
    private static String secret(Problems problems, String given, String stored, String field) {
        if (given == null) {
            return stored;
        }
        problems.maxLength(given, field, MAX_SECRET);
        return given.isBlank() ? null : given.strip();
    }

    private static void required(Problems problems, String value, String field) {
        problems.check(value != null, field, "required", "must be given");
    }

    private static void url(Problems problems, OutboundAddresses addresses, String value, String field) {
        if (value != null) {
            HttpUrls.check(problems, value, field);
            addresses.check(problems, value, field);
        }
    }

    /**
     * An address the platform's method names are appended to ({@code /chat.postMessage}, {@code
     * /bot<token>/sendMessage}): one with a query or a fragment would take them, and a bot token, inside
     * it, so it is refused. Nothing of it is repeated: a query may hold a credential.
     */
    private static void baseUrl(Problems problems, OutboundAddresses addresses, String value, String field) {
        int before = problems.issues().size();
        url(problems, addresses, value, field);
        if (value == null || problems.issues().size() > before) {
            return;
        }
        URI uri = URI.create(value.trim());
        problems.check(
                uri.getRawQuery() == null && uri.getRawFragment() == null,
                field,
                "query_or_fragment_in_url",
                "must not carry a query (?…) or a fragment (#…): the platform's method names are appended to its path");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
