package io.countersign.mail.internal.inbound;

import io.countersign.shared.LoggedText;

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
 * @param token the reply code of a reply refused for how it was written, so the answer can say
 *     whether its sender can still decide; null otherwise, or when it held none or several
 * @param unplaced refused because it does not say which request or step it answers (no request
 *     named, two named, no reply code or several): unless its reply code says so, the answer tells
 *     the sender how to reply so that it does
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
        boolean authenticated,
        String token,
        boolean unplaced) {

    static Reading reply(String subject, String messageId, ParsedReply reply) {
        return new Reading(
                reply.sender(), subject, messageId, reply.requestId(), reply, null, false, false, false, null, false);
    }

    static Reading refused(String sender, String subject, String messageId, String requestId, String reason) {
        return new Reading(sender, subject, messageId, requestId, null, reason, false, false, false, null, false);
    }

    /** A reply that does not say which request or step it answers; {@code token} is its one reply code, if any. */
    static Reading unplaced(
            String sender, String subject, String messageId, String requestId, String token, String reason) {
        return new Reading(sender, subject, messageId, requestId, null, reason, false, false, false, token, true);
    }

    /** A reply that says nothing the rules can read; {@code token} is its one reply code, if any. */
    static Reading unreadable(
            String sender, String subject, String messageId, String requestId, String token, String reason) {
        return new Reading(sender, subject, messageId, requestId, null, reason, false, false, false, token, false);
    }

    static Reading unauthenticated(String sender, String subject, String messageId, String requestId, String reason) {
        return new Reading(sender, subject, messageId, requestId, null, reason, false, true, false, null, false);
    }

    static Reading automatic(String sender, String subject, String messageId, String requestId, String reason) {
        return new Reading(sender, subject, messageId, requestId, null, reason, true, true, false, null, false);
    }

    /** This reading, of a message whose sender the trusted authentication service vouched for. */
    Reading asAuthenticated() {
        return new Reading(
                sender, subject, messageId, requestId, reply, refusal, automatic, unanswered, true, token, unplaced);
    }

    @Override
    public String toString() {
        // the token decides a request: keep it out of logs and exception messages
        return "Reading[" + requestId + " from " + LoggedText.printable(sender, ReplyParser.MAX_ADDRESS)
                + (refusal == null ? "" : ": " + refusal) + "]";
    }
}
