package io.countersign.mail.internal;

import io.countersign.request.ActionTokenRefused;

/**
 * Why a decision by mail is, or would be, refused, in the words mail uses: the answer to a refused
 * reply and the audit log after "Your reply was not taken as a decision:", and the approval mail of an
 * approver who may only reject, so that both give one reason in one wording.
 */
public final class TokenRefusals {

    private TokenRefusals() {}

    public static String reason(ActionTokenRefused.Reason refusal) {
        return switch (refusal) {
            case UNKNOWN -> "the reply code is unknown";
            case USED -> "the reply code was already used";
            case EXPIRED -> "the step's deadline has passed";
            case WRONG_APPROVER -> "the reply code was sent to somebody else";
            case NOT_PENDING -> "the request is no longer pending";
            case STEP_CLOSED -> "the step this mail asked about is no longer open";
            case OWN_REQUEST -> "you cannot decide your own request";
            case NOT_ELIGIBLE -> "you may no longer decide this request";
            case ALREADY_DECIDED -> "you have already decided this step";
            case APPROVED_EARLIER_STEP -> "you approved an earlier step, and the policy asks someone else for this one";
            case LATER_STEP_WITHOUT_APPROVER ->
                "your approval would leave a later step nobody left to approve it; another approver of this step must"
                        + " approve it";
            case CHANNEL_NOT_ALLOWED -> "this step is not decided by mail";
        };
    }
}
