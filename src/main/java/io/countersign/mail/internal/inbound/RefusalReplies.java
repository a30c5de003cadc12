package io.countersign.mail.internal.inbound;

/**
 * Tells the sender of a refused reply why nothing happened. Called after the refusal is committed;
 * never for auto-replies or bounces. Implementations mark the mail {@code Auto-Submitted:
 * auto-replied} so that no mailbox, ours included, answers it in turn.
 */
public interface RefusalReplies {

    void send(RefusalReply reply);

    /**
     * @param to the sender of the refused reply
     * @param subject a subject of the service's own, naming the request when the reply named one
     * @param inReplyTo the refused reply's Message-ID, null when it had none
     * @param reason why it was refused
     */
    record RefusalReply(String to, String subject, String inReplyTo, String reason) {

        /** The mail's text: what went wrong and what to do instead. */
        public String text() {
            return "Your reply was not applied: " + reason + ".\n\nNothing was changed. Reply to the notification "
                    + "itself from the address it was sent to, with Approve or Reject on the first line, "
                    + "or decide on the request's page.\n";
        }
    }
}
