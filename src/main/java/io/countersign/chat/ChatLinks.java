package io.countersign.chat;

import io.countersign.chat.internal.ChatChannelStore;
import io.countersign.chat.internal.ChatLinkStore;
import io.countersign.directory.Directory;
import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.UserOwned;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time codes that link a chat identity to a Countersign user: the user (or an administrator for
 * them) asks for a code, and the user sends it to the bot ({@code /link <code>}), which proves that
 * the chat account belongs to that user. Only the code's hash is kept; it is used once and lives ten
 * minutes.
 */
@Service
public class ChatLinks {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChatLinkStore store;
    private final ChatChannelStore channels;
    private final Directory directory;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ChatLinks(
            ChatLinkStore store,
            ChatChannelStore channels,
            Directory directory,
            Clock clock,
            ApplicationEventPublisher events) {
        this.store = store;
        this.channels = channels;
        this.directory = directory;
        this.clock = clock;
        this.events = events;
    }

    /** A fresh code for the user on the platform {@code type} (only TELEGRAM links by a code). */
    @Transactional
    public ChatLinkCode createCode(Actor actor, String username, String type) {
        String name = Names.canonical(username);
        String userId = userIdFor(actor, username);
        if (type == null) {
            throw InvalidInputException.of("type", "required", "must be given: TELEGRAM");
        }
        // in any case, as the API's other choices among names
        if (!ChatType.TELEGRAM.name().equals(type.strip().toUpperCase(Locale.ROOT))) {
            throw InvalidInputException.of("type", "invalid_value", "Only TELEGRAM identities are linked by a code.");
        }
        if (!telegramSetUp()) {
            // a code no bot can receive would only be a puzzle to the person holding it
            String message = "No Telegram channel is configured, so no bot could receive a link code;"
                    + " an administrator adds one first.";
            throw new ConflictException(message, List.of(new FieldIssue("type", "no_channel", message)));
        }
        char[] code = new char[10];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        String text = new String(code);
        store.insertCode(text, ChatType.TELEGRAM, userId, clock.instant().plus(LIFETIME));
        events.publishEvent(new ChatLinkCodeIssued(actor, name, ChatType.TELEGRAM));
        return new ChatLinkCode(text);
    }

    /** Whether a Telegram channel exists, whose bot a link code could be sent to. */
    public boolean telegramSetUp() {
        return channels.anyOf(ChatType.TELEGRAM);
    }

    /** The user's linked chat identities and the codes still waiting to be sent to a bot. */
    public List<ChatLinkView> list(Actor actor, String username) {
        return store.of(userIdFor(actor, username), clock.instant());
    }

    /** Unlinks one chat identity: its buttons and replies no longer decide anything for the user. */
    @Transactional
    public void unlink(Actor actor, String username, String id) {
        String userId = userIdFor(actor, username);
        ChatLinkView.Key key = ChatLinkView.parse(id)
                .filter(k -> store.unlink(k.type(), k.chatUserId(), userId))
                .orElseThrow(() -> new NotFoundException("chat link", id));
        events.publishEvent(new ChatUnlinked(actor, Names.canonical(username), key.type(), key.chatUserId()));
    }

    /** The user's id when the actor may manage their links ({@link UserOwned}). */
    private String userIdFor(Actor actor, String username) {
        String name = Names.canonical(username);
        return UserOwned.managedBy(actor, name, directory.idOf(name), "chat links");
    }
}
