package io.countersign.mail;

import io.countersign.shared.Channel;
import java.util.List;

/**
 * The short answer to a reply that could not be taken as a decision.
 *
 * @param originalMessageId the refused reply's Message-ID, or null when it had none
 * @param originalReferences the refused reply's References header, or null
 * @param reason one sentence saying why, such as "This request was already decided."
 * @param requestId the request the reply was about, when known
 * @param stillDecideThrough how the sender can still decide the step the reply was about: {@code
 *     WEB} (the link in the notification or the request's page), {@code EMAIL} (replying to the
 *     notification), {@code API} (Countersign's API); empty when they cannot, or when that is not known
 * @param howToReply the reply did not say which request or step it answers: the answer says how to
 *     reply so that it does
 */
public record RefusalNotice(
        String to,
        String originalSubject,
        String originalMessageId,
        String originalReferences,
        String reason,
        String requestId,
        List<Channel> stillDecideThrough,
        boolean howToReply) {

    public RefusalNotice {
        stillDecideThrough = stillDecideThrough == null ? List.of() : List.copyOf(stillDecideThrough);
    }

    /** A refusal that offers no other way to decide. */
    public RefusalNotice(
            String to, String originalSubject, String originalMessageId, String originalReferences, String reason) {
        this(to, originalSubject, originalMessageId, originalReferences, reason, null, List.of(), false);
    }

    /** A refusal of a reply that said which request and step it answers. */
    public RefusalNotice(
            String to,
            String originalSubject,
            String originalMessageId,
            String originalReferences,
            String reason,
            String requestId,
            List<Channel> stillDecideThrough) {
        this(to, originalSubject, originalMessageId, originalReferences, reason, requestId, stillDecideThrough, false);
    }
}
