package io.countersign.mail.internal.inbound;

/**
 * What the parser made of one message: a reply for the decider, or a refusal with its reason.
 *
 * @param sender the From address when there is exactly one, lower-cased
 * @param messageId the message's own Message-ID, for answering it
 * @param automatic an auto-reply or a bounce: refused without answering, so that two robots never
 *     talk to each other
 * @param unanswered refused without answering: automatic, or its sender's domain was not authenticated,
 *     so its From address is likely forged and an answer would go to someone who never wrote
 * @param authenticated the trusted authentication service vouched for the sender's domain
 */
record Reading(
        String sender,
        String subject,
        String messageId,
        String requestId,
        ParsedReply reply,
        String refusal,
        boolean automatic,
        boolean unanswered,
        boolean authenticated) {

    static Reading reply(String subject, String messageId, ParsedReply reply) {
        return new Reading(reply.sender(), subject, messageId, reply.requestId(), reply, null, false, false, false);
    }

    static Reading refused(String sender, String subject, String messageId, String requestId, String reason) {
        return new Reading(sender, subject, messageId, requestId, null, reason, false, false, false);
    }

    static Reading unauthenticated(String sender, String subject, String messageId, String requestId, String reason) {
        return new Reading(sender, subject, messageId, requestId, null, reason, false, true, false);
    }

    static Reading automatic(String sender, String subject, String messageId, String requestId, String reason) {
        return new Reading(sender, subject, messageId, requestId, null, reason, true, true, false);
    }

    /** This reading, of a message whose sender the trusted authentication service vouched for. */
    Reading asAuthenticated() {
        return new Reading(sender, subject, messageId, requestId, reply, refusal, automatic, unanswered, true);
    }
}
