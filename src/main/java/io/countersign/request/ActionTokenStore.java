package io.countersign.request;

import io.countersign.shared.Channel;
import io.countersign.shared.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code action_tokens} table: hashed tokens and the (request, step, approver) each is bound to,
 * with the approver a delegate's token decides for when its mail named one.
 */
@Repository
class ActionTokenStore {

    /**
     * One stored token; {@code onBehalfOfId} null unless a delegate's token names whom it decides for,
     * {@code chatChannel} the configured chat channel whose button carries it (null for mail and links).
     */
    record Binding(
            String requestId,
            int step,
            String approverId,
            Channel via,
            boolean used,
            String onBehalfOfId,
            String chatChannel) {}

    private final JdbcClient jdbc;

    ActionTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String hash, Binding binding, Instant at) {
        jdbc.sql("""
                        insert into action_tokens (token_hash, request_id, step_index, approver_id, on_behalf_of_id,
                            via, chat_channel, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        hash,
                        binding.requestId(),
                        binding.step(),
                        binding.approverId(),
                        binding.onBehalfOfId(),
                        binding.via().name(),
                        binding.chatChannel(),
                        Timestamps.toDb(at))
                .update();
    }

    Optional<Binding> find(String hash) {
        return jdbc.sql("""
                        select request_id, step_index, approver_id, via, used_at, on_behalf_of_id, chat_channel
                        from action_tokens
                        where token_hash = ?""")
                .param(hash)
                .query((rs, n) -> new Binding(
                        rs.getString("request_id"),
                        rs.getInt("step_index"),
                        rs.getString("approver_id"),
                        Channel.valueOf(rs.getString("via")),
                        rs.getObject("used_at", OffsetDateTime.class) != null,
                        rs.getString("on_behalf_of_id"),
                        rs.getString("chat_channel")))
                .optional();
    }

    /** Marks every token of the binding used; answers how many were still unused. */
    int useAll(Binding binding, Instant at) {
        return jdbc.sql("""
                        update action_tokens set used_at = ?
                        where request_id = ? and step_index = ? and approver_id = ? and used_at is null""")
                .params(Timestamps.toDb(at), binding.requestId(), binding.step(), binding.approverId())
                .update();
    }

    /** Deletes the tokens the buttons of a chat channel carry; answers how many there were. */
    int deleteSentBy(String chatChannel) {
        return jdbc.sql("delete from action_tokens where chat_channel = ?")
                .param(chatChannel)
                .update();
    }
}
