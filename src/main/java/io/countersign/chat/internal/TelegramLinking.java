package io.countersign.chat.internal;

import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatLinkRefused;
import io.countersign.chat.ChatLinked;
import io.countersign.chat.ChatType;
import io.countersign.chat.ChatUnlinked;
import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.RefusalAuditLimiter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code /link <code>} sent to the bot: links the sender's Telegram account to the user the code was
 * issued for. Only in a direct chat with the bot: a code sent to a group is spent, since everybody
 * there has read it. A Telegram account linked to another user is refused until that link is
 * removed, so that an account never silently changes whom it decides for; a user's own earlier
 * account is replaced, and that is audited as {@code chat.unlinked}. A refusal is answered and
 * audited as {@code chat.link_refused}, both within an allowance ({@link RefusalAuditLimiter}, {@link
 * ReplyAllowance}), so that nobody can make the bot fill the audit log or a chat.
 */
@Component
class TelegramLinking {

    private final TelegramPlatform bot;
    private final ChatLinkStore links;
    private final Directory directory;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final RefusalAuditLimiter audits;
    private final ReplyAllowance replies;

    TelegramLinking(
            TelegramPlatform bot,
            ChatLinkStore links,
            Directory directory,
            Clock clock,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager) {
        this.bot = bot;
        this.links = links;
        this.directory = directory;
        this.clock = clock;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.audits = new RefusalAuditLimiter(clock);
        this.replies = new ReplyAllowance(clock);
    }

    void link(ChatChannel channel, String chat, boolean direct, String from, String code) {
        // the code is spent, the link stored and the audit written together, before anyone is answered
        Reply answer = transactions.execute(tx -> {
            Instant now = clock.instant();
            Optional<String> userId = code.isEmpty() ? Optional.empty() : links.useCode(code, ChatType.TELEGRAM, now);
            Optional<User> user = userId.flatMap(directory::findUserById).filter(User::active);
            String username = user.map(User::username).orElse(null);
            if (!direct) {
                return refused(
                        channel,
                        from,
                        username,
                        "the code was sent in a group chat",
                        "Not linked: send /link to the bot in a direct chat, never in a group. Everybody here has"
                                + " seen this code, so it no longer works; ask Countersign for a new one.");
            }
            if (user.isEmpty()) {
                return refused(
                        channel,
                        from,
                        null,
                        "the link code is unknown, used or expired",
                        "That code is unknown, used or expired. Ask Countersign for a new one.");
            }
            Optional<String> holder = links.userOf(ChatType.TELEGRAM, from).filter(id -> !id.equals(userId.get()));
            if (holder.isPresent()) {
                String other =
                        directory.findUserById(holder.get()).map(User::username).orElse(holder.get());
                return refused(
                        channel,
                        from,
                        username,
                        "the Telegram account is linked to user " + other,
                        "Not linked: this Telegram account is linked to another Countersign user. That link must"
                                + " be removed first (Profile, My chat links); then ask Countersign for a new code.");
            }
            Actor actor = new Actor(
                    username, user.get().role(), Channel.TELEGRAM, ChatRefusals.sourceOf(ChatType.TELEGRAM, from));
            Optional<String> earlier =
                    links.externalIdOf(ChatType.TELEGRAM, userId.get()).filter(id -> !id.equals(from));
            links.link(ChatType.TELEGRAM, from, userId.get(), now);
            earlier.ifPresent(old -> events.publishEvent(new ChatUnlinked(actor, username, ChatType.TELEGRAM, old)));
            events.publishEvent(new ChatLinked(actor, ChatType.TELEGRAM, from));
            return new Reply("Linked to Countersign user " + username + ".", false);
        });
        if (!answer.refusal() || replies.admit(channel.name(), chat)) {
            bot.call(channel, "sendMessage", Map.of("chat_id", chat, "text", answer.text()));
        }
    }

    private record Reply(String text, boolean refusal) {}

    /**
     * Audits the refusal within the allowance of one row per channel and reason a minute, as refused
     * call backs are: anybody can write to the bot, and must not grow the hash-chained log at their pace.
     */
    private Reply refused(ChatChannel channel, String from, String username, String why, String answer) {
        OptionalLong heldBack = audits.admit(channel.name(), why);
        if (heldBack.isPresent()) {
            events.publishEvent(new ChatLinkRefused(
                    ChatRefusals.system(ChatType.TELEGRAM, from),
                    ChatType.TELEGRAM,
                    from,
                    username,
                    why,
                    heldBack.getAsLong()));
        }
        return new Reply(answer, true);
    }
}
