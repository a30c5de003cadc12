package io.countersign.chat.internal;

import io.countersign.request.ActionTokenRefused;

/** What a chat user reads when a button or reply decided nothing, and what the audit log keeps. */
final class ChatRefusals {

    private ChatRefusals() {}

    static String reason(ActionTokenRefused.Reason refusal) {
        return switch (refusal) {
            case UNKNOWN -> "this button is unknown";
            case USED -> "this button was already used";
            case EXPIRED -> "the step's deadline has passed";
            case WRONG_APPROVER -> "this button was sent to somebody else";
            case NOT_PENDING -> "the request is no longer pending";
            case STEP_CLOSED -> "the step this message asked about is no longer open";
            case OWN_REQUEST -> "you cannot decide your own request";
            case NOT_ELIGIBLE -> "you may not decide this request";
            case ALREADY_DECIDED -> "you have already decided this step";
            case APPROVED_EARLIER_STEP -> "you approved an earlier step, and the policy asks someone else for this one";
            case CHANNEL_NOT_ALLOWED -> "this step is not decided in chat";
        };
    }
}
