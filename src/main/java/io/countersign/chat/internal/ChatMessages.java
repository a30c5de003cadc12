package io.countersign.chat.internal;

import io.countersign.shared.Timestamps;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The messages posted per delivery: what makes a retried delivery post nothing twice. */
@Repository
class ChatMessages {

    record Stored(String deliveryId, String conversation, String messageId) {}

    private final JdbcClient jdbc;

    ChatMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean posted(String deliveryId) {
        return jdbc.sql("select count(*) from chat_messages where delivery_id = ?")
                        .param(deliveryId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /**
     * Records a posted message; {@code requestId} and {@code step} (the step it asks about) are null for
     * a message that asks nothing.
     */
    void record(
            String deliveryId,
            String channel,
            String requestId,
            Integer step,
            String conversation,
            String messageId,
            Instant at) {
        jdbc.sql("""
                        insert into chat_messages (delivery_id, channel_name, request_id, step, conversation, message_id,
                            posted_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(deliveryId, channel, requestId, step, conversation, messageId, Timestamps.toDb(at))
                .update();
    }

    /**
     * The messages about a request in a channel that still offer something to do, oldest first: all of
     * them, or with {@code beforeStep} only those about an earlier step (and those posted before steps
     * were recorded).
     */
    List<Stored> open(String channel, String requestId, Integer beforeStep) {
        return jdbc.sql("""
                        select delivery_id, conversation, message_id from chat_messages
                        where channel_name = ? and request_id = ? and closed_at is null
                          and (cast(? as int) is null or step is null or step < ?)
                        order by posted_at, delivery_id""")
                .params(channel, requestId, beforeStep, beforeStep)
                .query((rs, n) -> new Stored(
                        rs.getString("delivery_id"), rs.getString("conversation"), rs.getString("message_id")))
                .list();
    }

    /**
     * Marks an open message closed; false when another delivery closed it first, which then edits it:
     * two deliveries never edit one message at once.
     */
    boolean claimClosing(String deliveryId, Instant at) {
        return jdbc.sql("update chat_messages set closed_at = ? where delivery_id = ? and closed_at is null")
                        .params(Timestamps.toDb(at), deliveryId)
                        .update()
                == 1;
    }

    /** Opens a message again whose edit failed, so that the retried delivery edits it. */
    void reopen(String deliveryId) {
        jdbc.sql("update chat_messages set closed_at = null where delivery_id = ?")
                .param(deliveryId)
                .update();
    }

    /**
     * The channels that hold messages about a request's steps before {@code step} (or posted before
     * steps were recorded) which still offer something to do.
     */
    List<String> channelsOpenBefore(String requestId, int step) {
        return jdbc.sql("""
                        select distinct channel_name from chat_messages
                        where request_id = ? and closed_at is null and (step is null or step < ?)
                        order by channel_name""").params(requestId, step).query(String.class).list();
    }

    /** The channels that hold messages about a request. */
    List<String> channelsAbout(String requestId) {
        return jdbc.sql("select distinct channel_name from chat_messages where request_id = ? order by channel_name")
                .param(requestId)
                .query(String.class)
                .list();
    }
}
