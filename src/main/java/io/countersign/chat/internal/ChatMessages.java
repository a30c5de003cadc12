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

    void record(
            String deliveryId, String channel, String requestId, String conversation, String messageId, Instant at) {
        jdbc.sql("""
                        insert into chat_messages (delivery_id, channel_name, request_id, conversation, message_id, posted_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(deliveryId, channel, requestId, conversation, messageId, Timestamps.toDb(at))
                .update();
    }

    /** The messages about a request in a channel that still offer something to do, oldest first. */
    List<Stored> open(String channel, String requestId) {
        return jdbc.sql("""
                        select delivery_id, conversation, message_id from chat_messages
                        where channel_name = ? and request_id = ? and closed_at is null order by posted_at, delivery_id""")
                .params(channel, requestId)
                .query((rs, n) -> new Stored(
                        rs.getString("delivery_id"), rs.getString("conversation"), rs.getString("message_id")))
                .list();
    }

    void close(String deliveryId, Instant at) {
        jdbc.sql("update chat_messages set closed_at = ? where delivery_id = ?")
                .params(Timestamps.toDb(at), deliveryId)
                .update();
    }

    /** The channels that hold messages about a request. */
    List<String> channelsAbout(String requestId) {
        return jdbc.sql("select distinct channel_name from chat_messages where request_id = ? order by channel_name")
                .param(requestId)
                .query(String.class)
                .list();
    }
}
