package io.countersign.chat.internal;

import io.countersign.chat.ChatChannel;
import io.countersign.notify.NotificationDeliveries;
import io.countersign.shared.Timestamps;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The messages posted per delivery: what makes a retried delivery post nothing twice. */
@Repository
class ChatMessages {

    record Stored(String deliveryId, String conversation, String messageId) {}

    private final JdbcClient jdbc;
    private final ChatChannelStore channels;
    private final NotificationDeliveries deliveries;

    ChatMessages(JdbcClient jdbc, ChatChannelStore channels, NotificationDeliveries deliveries) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.deliveries = deliveries;
    }

    boolean posted(String deliveryId) {
        return jdbc.sql("select count(*) from chat_messages where delivery_id = ?")
                        .param(deliveryId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /**
     * Records a message posted in {@code channel}; {@code requestId} and {@code step} (the step it asks
     * about) are null for a message that asks nothing. Recorded only while the channel is as it was when
     * the attempt was read, changed to another address or deleted {@code changesRead} times: a message
     * posted by an attempt that a deletion overtook, which a later channel of the same name (perhaps
     * another team's, with its own bot) must never rewrite, or that went to an address the channel no
     * longer has, is not kept. The channel's row is held meanwhile, so that its change or deletion
     * either waits for the record, and the deletion then removes it, or is seen by it. Returns whether
     * the message was recorded.
     */
    @Transactional
    public boolean record(
            String deliveryId,
            ChatChannel channel,
            long changesRead,
            String requestId,
            Integer step,
            String conversation,
            String messageId,
            Instant at) {
        if (!channels.lock(channel.name())
                || deliveries.destinationChanges(channel.type().name(), channel.name()) != changesRead) {
            return false;
        }
        jdbc.sql("""
                        insert into chat_messages (delivery_id, channel_name, request_id, step, conversation, message_id,
                            posted_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(deliveryId, channel.name(), requestId, step, conversation, messageId, Timestamps.toDb(at))
                .update();
        return true;
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
