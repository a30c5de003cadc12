package io.countersign.request;

import io.countersign.shared.Channel;
import java.time.Instant;
import java.util.Optional;

/**
 * What an action token is for, read without using it: the request and step it decides, the approver
 * it speaks for and how it travels. {@code approver} is that approver's username (null once they have
 * been withdrawn from the step); {@code onBehalfOf} the approver a delegate's token decides for when
 * its mail named one (null otherwise); {@code viaAllowed} whether the step takes decisions through the
 * token's channel; {@code timedOut} whether the request ended because the token's step ran out of
 * time; {@code deadline} is when the step (or else the request) runs out.
 */
public record ActionTokenView(
        String requestId,
        int step,
        String stepName,
        int stepCount,
        String approverId,
        String approver,
        String onBehalfOf,
        Channel via,
        boolean viaAllowed,
        boolean used,
        RequestStatus status,
        boolean timedOut,
        int currentStep,
        Instant deadline,
        RequestDetails request) {

    /**
     * Why redeeming the token at {@code now} would be refused, as far as can be told without the
     * approver's own checks (separation of duties, eligibility); empty when it looks usable.
     */
    public Optional<ActionTokenRefused.Reason> refusalAt(Instant now) {
        if (used) {
            return Optional.of(ActionTokenRefused.Reason.USED);
        }
        if (status == RequestStatus.EXPIRED || timedOut) {
            return Optional.of(ActionTokenRefused.Reason.EXPIRED);
        }
        if (status != RequestStatus.PENDING) {
            return Optional.of(ActionTokenRefused.Reason.NOT_PENDING);
        }
        if (currentStep != step) {
            return Optional.of(ActionTokenRefused.Reason.STEP_CLOSED);
        }
        if (!viaAllowed) {
            return Optional.of(ActionTokenRefused.Reason.CHANNEL_NOT_ALLOWED);
        }
        if (!now.isBefore(deadline)) {
            return Optional.of(ActionTokenRefused.Reason.EXPIRED);
        }
        if (approver == null) {
            return Optional.of(ActionTokenRefused.Reason.NOT_ELIGIBLE);
        }
        return Optional.empty();
    }
}
