package io.countersign.request;

import io.countersign.shared.NotFoundException;
import io.countersign.shared.RefusedException;
import java.util.Locale;

/**
 * An action token could not be used, and nothing changed (except that a deadline the redemption
 * overtook was applied, as the timers would have applied it). {@link #refusal()} says why in a way
 * a mail reader, a chat adapter or a page can act on; the message says it to a person.
 */
public class ActionTokenRefused extends RefusedException {

    /** Why a token was refused. */
    public enum Reason {
        /** No such token (or not a token at all). */
        UNKNOWN,
        /** The token, or another one for the same approver and step, was already redeemed. */
        USED,
        /** The step's deadline or the request's time-to-live has passed. */
        EXPIRED,
        /** The channel proved somebody other than the approver the token was issued to. */
        WRONG_APPROVER,
        /** The request has already ended (approved, rejected, cancelled). */
        NOT_PENDING,
        /** The request has moved past the token's step. */
        STEP_CLOSED,
        /** The approver asked for this access themself and the policy does not allow self-approval. */
        OWN_REQUEST,
        /** The approver is no longer an active, eligible approver of the step. */
        NOT_ELIGIBLE,
        /** The approver already decided the step by another way. */
        ALREADY_DECIDED,
        /** The approver approved an earlier step and the policy wants different people on each step. */
        APPROVED_EARLIER_STEP,
        /**
         * The approval would leave a later step only people who already decided, and the policy wants
         * different people on each step.
         */
        LATER_STEP_WITHOUT_APPROVER,
        /** The step's policy does not take decisions through the channel the approver is using. */
        CHANNEL_NOT_ALLOWED
    }

    private final Reason refusal;

    ActionTokenRefused(Reason refusal, String message) {
        super("action_token_" + refusal.name().toLowerCase(Locale.ROOT), message);
        this.refusal = refusal;
    }

    public Reason refusal() {
        return refusal;
    }

    /** The decision path's refusals, as reasons a token's reader can act on. */
    static RuntimeException translated(RuntimeException e) {
        Reason reason;
        if (e instanceof ActionTokenRefused) {
            return e;
        } else if (e instanceof RequestNotPending) {
            reason = Reason.NOT_PENDING;
        } else if (e instanceof SelfApprovalNotAllowed) {
            reason = Reason.OWN_REQUEST;
        } else if (e instanceof NotAnEligibleApprover || e instanceof NotFoundException) {
            reason = Reason.NOT_ELIGIBLE;
        } else if (e instanceof AlreadyDecided) {
            reason = Reason.ALREADY_DECIDED;
        } else if (e instanceof ApprovedAnEarlierStep) {
            reason = Reason.APPROVED_EARLIER_STEP;
        } else if (e instanceof LaterStepWithoutApprover) {
            reason = Reason.LATER_STEP_WITHOUT_APPROVER;
        } else if (e instanceof DecisionChannelNotAllowed) {
            reason = Reason.CHANNEL_NOT_ALLOWED;
        } else {
            return e;
        }
        return new ActionTokenRefused(reason, e.getMessage());
    }
}
