package io.countersign.chat.internal;

import io.countersign.chat.ChatType;
import io.countersign.request.ActionTokenRefused;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import java.util.Locale;

/** What a chat user reads when a button or reply decided nothing, and what the audit log keeps. */
final class ChatRefusals {

    private ChatRefusals() {}

    /**
     * The source address a chat user's click or reply is audited with, whether it decided ({@code
     * slack:U0123}, {@code telegram:5001}) or not: the platform calls from its own servers, so the
     * account that acted says more than the caller's IP address does, and one account's decisions and
     * refusals read alike.
     */
    static String sourceOf(ChatType platform, String chatUser) {
        return platform.name().toLowerCase(Locale.ROOT) + ":" + chatUser;
    }

    /** The service itself, recording what a chat user's click or reply did not do. */
    static Actor system(ChatType platform, String chatUser) {
        Channel via = platform == ChatType.TELEGRAM ? Channel.TELEGRAM : Channel.SLACK;
        return new Actor("system", Role.ADMIN, via, sourceOf(platform, chatUser));
    }

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
            case LATER_STEP_WITHOUT_APPROVER ->
                "your approval would leave a later step nobody left to approve it; another approver of this step must"
                        + " approve it";
            case CHANNEL_NOT_ALLOWED -> "this step is not decided in chat";
        };
    }
}
