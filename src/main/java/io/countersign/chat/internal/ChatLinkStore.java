package io.countersign.chat.internal;

import io.countersign.chat.ChatLinkView;
import io.countersign.chat.ChatType;
import io.countersign.shared.Sha256;
import io.countersign.shared.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Link codes (kept as hashes) and the chat identities they linked to Countersign users. */
@Repository
public class ChatLinkStore {

    private final JdbcClient jdbc;

    ChatLinkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertCode(String code, ChatType type, String userId, Instant expiresAt) {
        jdbc.sql("insert into chat_link_codes (code_hash, type, user_id, expires_at) values (?, ?, ?, ?)")
                .params(hash(code), type.name(), userId, Timestamps.toDb(expiresAt))
                .update();
    }

    /** Uses the code once; the user it was made for, or empty when unknown, used or expired. */
    Optional<String> useCode(String code, ChatType type, Instant now) {
        String hash = hash(code);
        int used = jdbc.sql("""
                        update chat_link_codes set used_at = ?
                        where code_hash = ? and type = ? and used_at is null and expires_at > ?""")
                .params(Timestamps.toDb(now), hash, type.name(), Timestamps.toDb(now))
                .update();
        if (used == 0) {
            return Optional.empty();
        }
        return jdbc.sql("select user_id from chat_link_codes where code_hash = ?")
                .param(hash)
                .query(String.class)
                .optional();
    }

    /**
     * Links the chat identity to the user, replacing the user's earlier link; an identity linked to
     * another user is the caller's to refuse (its key makes the insert fail rather than move it).
     */
    void link(ChatType type, String externalId, String userId, Instant at) {
        jdbc.sql("delete from chat_links where type = ? and user_id = ?")
                .params(type.name(), userId)
                .update();
        jdbc.sql("insert into chat_links (type, external_id, user_id, linked_at) values (?, ?, ?, ?)")
                .params(type.name(), externalId, userId, Timestamps.toDb(at))
                .update();
    }

    Optional<String> userOf(ChatType type, String externalId) {
        return jdbc.sql("select user_id from chat_links where type = ? and external_id = ?")
                .params(type.name(), externalId)
                .query(String.class)
                .optional();
    }

    Optional<String> externalIdOf(ChatType type, String userId) {
        return jdbc.sql("select external_id from chat_links where type = ? and user_id = ?")
                .params(type.name(), userId)
                .query(String.class)
                .optional();
    }

    /** The user's linked identities, then the codes they were given that are still waiting to be sent. */
    public List<ChatLinkView> of(String userId, Instant now) {
        List<ChatLinkView> linked = jdbc.sql(
                        "select type, external_id, linked_at from chat_links where user_id = ? order by type, external_id")
                .param(userId)
                .query((rs, row) -> ChatLinkView.linked(
                        ChatType.valueOf(rs.getString("type")),
                        rs.getString("external_id"),
                        Timestamps.fromDb(rs.getObject("linked_at", java.time.OffsetDateTime.class))))
                .list();
        List<ChatLinkView> pending = jdbc.sql("""
                        select type, expires_at from chat_link_codes
                        where user_id = ? and used_at is null and expires_at > ? order by expires_at""")
                .params(userId, Timestamps.toDb(now))
                .query((rs, row) -> ChatLinkView.pending(
                        ChatType.valueOf(rs.getString("type")),
                        Timestamps.fromDb(rs.getObject("expires_at", java.time.OffsetDateTime.class))))
                .list();
        return java.util.stream.Stream.concat(linked.stream(), pending.stream()).toList();
    }

    /** Removes the user's link to that chat identity; false when the user had no such link. */
    public boolean unlink(ChatType type, String externalId, String userId) {
        return jdbc.sql("delete from chat_links where type = ? and external_id = ? and user_id = ?")
                        .params(type.name(), externalId, userId)
                        .update()
                > 0;
    }

    /** Codes are upper case; a user may have typed one in lower case. */
    private static String hash(String code) {
        return Sha256.hex(code.strip().toUpperCase(Locale.ROOT));
    }
}
