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
 * @param advice what the answer adds on how to reply so that a reply decides
 * @param onlyReject the sender may no longer approve the step but may still reject it: the ways in
 *     {@code stillDecideThrough} are offered to reject
 */
public record RefusalNotice(
        String to,
        String originalSubject,
        String originalMessageId,
        String originalReferences,
        String reason,
        String requestId,
        List<Channel> stillDecideThrough,
        Advice advice,
        boolean onlyReject) {

    /** What the answer adds on how to reply, besides the ways left to decide. */
    public enum Advice {
        NONE,
        /** The reply did not say which request or step it answers: how to reply so that it does. */
        HOW_TO_REPLY,
        /**
         * The reply carried no code, and every approval mail the sender had about the step left without
         * one while approving by mail was off: a mail with a code follows, and a reply to it decides.
         */
        CODE_TO_FOLLOW
    }

    public RefusalNotice {
        stillDecideThrough = stillDecideThrough == null ? List.of() : List.copyOf(stillDecideThrough);
        advice = advice == null ? Advice.NONE : advice;
    }

    /** A refusal that offers no other way to decide. */
    public RefusalNotice(
            String to, String originalSubject, String originalMessageId, String originalReferences, String reason) {
        this(to, originalSubject, originalMessageId, originalReferences, reason, null, List.of(), Advice.NONE, false);
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
        this(
                to,
                originalSubject,
                originalMessageId,
                originalReferences,
                reason,
                requestId,
                stillDecideThrough,
                Advice.NONE,
                false);
    }
}
