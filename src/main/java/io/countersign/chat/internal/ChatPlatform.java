package io.countersign.chat.internal;

import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatType;
import io.countersign.notify.SendResult;

/** One platform's way of posting a message and, where it allows, changing it later. */
interface ChatPlatform {

    ChatType type();

    /**
     * Posts the message to the channel, or to {@code person} directly when given and the platform can
     * (a Slack direct message); a platform that cannot address a person posts where everybody sees it.
     */
    Posted post(ChatChannel channel, Recipient person, ChatMessage message);

    /** Changes a message posted earlier; a platform that cannot answers {@link Posted#notEditable()}. */
    Posted edit(ChatChannel channel, String conversation, String messageId, ChatMessage message);

    /** A person a message may be addressed to. */
    record Recipient(String id, String username, String email) {}

    /**
     * Where a message went, or why it did not; {@code status} is the HTTP status the platform answered
     * the call that posted or changed it, recorded with the delivery's attempt as a webhook's is.
     */
    record Posted(String conversation, String messageId, SendResult failure, boolean unsupported, Integer status) {

        private static final String UNKNOWN = "-";

        static Posted at(String conversation, String messageId) {
            return new Posted(conversation, messageId, null, false, null);
        }

        /**
         * Posted, but the platform's answer did not say where: the message is delivered and never posted
         * again, and cannot be changed later ({@link #unknown}).
         */
        static Posted somewhere() {
            return at(UNKNOWN, UNKNOWN);
        }

        static boolean unknown(String messageId) {
            return UNKNOWN.equals(messageId);
        }

        static Posted failed(SendResult failure) {
            return new Posted(null, null, failure, false, null);
        }

        static Posted notEditable() {
            return new Posted(null, null, null, true, null);
        }

        Posted answered(Integer status) {
            return new Posted(conversation, messageId, failure, unsupported, status);
        }

        boolean ok() {
            return failure == null && !unsupported;
        }
    }
}
