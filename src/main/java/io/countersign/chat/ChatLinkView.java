package io.countersign.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A user's chat identity as the API and the profile page show it: a {@code LINKED} one with its id
 * ({@code telegram-<chat user id>}, what {@code DELETE} takes), the chat user id and when it was
 * linked; or a {@code PENDING} code that was issued and not yet sent to the bot, with when it
 * expires. The code itself is shown once, when it is issued, and never again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatLinkView(
        String id, ChatType type, String status, String chatUserId, Instant linkedAt, Instant expiresAt) {

    public static ChatLinkView linked(ChatType type, String chatUserId, Instant linkedAt) {
        return new ChatLinkView(idOf(type, chatUserId), type, "LINKED", chatUserId, linkedAt, null);
    }

    public static ChatLinkView pending(ChatType type, Instant expiresAt) {
        return new ChatLinkView(null, type, "PENDING", null, null, expiresAt);
    }

    public boolean isPending() {
        return "PENDING".equals(status);
    }

    static String idOf(ChatType type, String chatUserId) {
        return type.name().toLowerCase(Locale.ROOT) + "-" + chatUserId;
    }

    /** The platform and chat user an id names; empty for anything that is not such an id. */
    static Optional<Key> parse(String id) {
        int dash = id == null ? -1 : id.indexOf('-');
        if (dash <= 0 || dash == id.length() - 1) {
            return Optional.empty();
        }
        try {
            ChatType type = ChatType.valueOf(id.substring(0, dash).toUpperCase(Locale.ROOT));
            return Optional.of(new Key(type, id.substring(dash + 1)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    record Key(ChatType type, String chatUserId) {}
}
