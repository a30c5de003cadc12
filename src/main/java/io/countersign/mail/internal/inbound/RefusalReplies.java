package io.countersign.mail.internal.inbound;

import io.countersign.mail.RefusalNotice.Advice;
import io.countersign.shared.Channel;
import java.util.List;

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
     * @param requestId the request the reply was about, when known
     * @param stillDecideThrough the channels through which the sender can still decide its step;
     *     empty when they cannot
     * @param advice what the answer adds on how to reply so that a reply decides
     * @param onlyReject the sender may still reject the step, through {@code stillDecideThrough},
     *     but not approve it
     */
    record RefusalReply(
            String to,
            String subject,
            String inReplyTo,
            String reason,
            String requestId,
            List<Channel> stillDecideThrough,
            Advice advice,
            boolean onlyReject) {

        public RefusalReply {
            stillDecideThrough = stillDecideThrough == null ? List.of() : List.copyOf(stillDecideThrough);
            advice = advice == null ? Advice.NONE : advice;
        }

        /** The mail's text: what went wrong, and whether the sender can still decide. */
        public String text() {
            return "Your reply was not applied: " + reason + ".\n\nNothing was changed."
                    + (stillDecideThrough.isEmpty()
                            ? ""
                            : onlyReject ? " You can still reject this step." : " You can still decide this step.")
                    + "\n";
        }
    }
}
