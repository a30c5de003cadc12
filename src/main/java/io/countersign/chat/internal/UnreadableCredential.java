package io.countersign.chat.internal;

import io.countersign.chat.ChatChannel;
import io.countersign.notify.SendResult;

/**
 * A channel's credential that reads as none: every type must be saved with its own, so a missing one
 * was sealed with another encryption key (see {@link ChatChannelStore}). Such a channel calls nothing:
 * a call without its token would still hand the request's details to whatever answers at the address.
 * The failure is retried like any other, so the message goes out once the channel is saved again.
 */
final class UnreadableCredential {

    private UnreadableCredential() {}

    /** Why nothing can be sent through the channel, or null when its credential can be read. */
    static SendResult of(ChatChannel channel) {
        String missing = switch (channel.type()) {
            case SLACK, TELEGRAM -> channel.botToken() == null ? "bot token" : null;
            case TEAMS, DISCORD -> channel.webhookUrl() == null ? "webhook URL" : null;
        };
        return missing == null
                ? null
                : SendResult.failed(channel.type() + " channel " + channel.name() + ": its " + missing
                        + " cannot be read with this instance's encryption key; save the channel again with it");
    }
}
