package io.countersign.web.pages;

import io.countersign.request.ActionTokenRefused.Reason;
import java.util.List;
import java.util.stream.Collectors;

/** Why a decision link did not work, said to the person who followed it. */
final class RefusalText {

    /** The title of every answer to a decision link that did not decide. */
    static final String NOTHING_DECIDED = "Nothing was decided";

    private RefusalText() {}

    /** Why the request page offers no Approve button. */
    static String ofPage(Reason reason) {
        return switch (reason) {
            case EXPIRED -> "The time to decide this step has run out.";
            case NOT_PENDING -> "This request has already been decided, cancelled or has ended.";
            case OWN_REQUEST -> "This is your own request; somebody else must decide it.";
            case NOT_ELIGIBLE -> "You are not an approver of the current step.";
            default -> of(reason);
        };
    }

    /**
     * Why the request page offers Reject but no Approve: distinct approvers across steps keep one
     * person from counting twice towards access, never from stopping it.
     */
    static String ofPageRejectOnly(Reason reason) {
        String why = reason == Reason.APPROVED_EARLIER_STEP
                ? "You approved an earlier step of this request; this step needs somebody else to approve it."
                : ofPage(reason);
        return why + " You may still reject it.";
    }

    /**
     * Why the request page offers no Approve button, for the request's current step: a step kept off
     * the pages names where it is decided, so that its approver knows where to go.
     */
    static String ofPage(Reason reason, List<String> allowedChannels) {
        if (reason != Reason.CHANNEL_NOT_ALLOWED || allowedChannels.isEmpty()) {
            return ofPage(reason);
        }
        return "This step may not be decided here; its policy lets it be decided only "
                + allowedChannels.stream().map(RefusalText::where).collect(Collectors.joining(" or ")) + ".";
    }

    private static String where(String channel) {
        return switch (channel) {
            case "API" -> "through the API";
            case "WEB" -> "on these pages";
            case "EMAIL" -> "by mail";
            case "SLACK" -> "in Slack";
            case "TELEGRAM" -> "in Telegram";
            default -> "through " + channel;
        };
    }

    static String of(Reason reason) {
        return switch (reason) {
            case UNKNOWN -> "This link is not valid. It may have been cut off or mistyped.";
            case USED -> "This link has already been used. Each link decides once.";
            case EXPIRED -> "This link has expired: the time to decide this step has run out.";
            case WRONG_APPROVER -> "This link was sent to somebody else.";
            case NOT_PENDING -> "This request has already been decided, cancelled or has ended.";
            case STEP_CLOSED -> "This approval step is over; the request has moved on.";
            case OWN_REQUEST -> "You cannot decide your own request.";
            case NOT_ELIGIBLE -> "You are no longer an approver of this step.";
            case ALREADY_DECIDED -> "You have already decided this step.";
            case APPROVED_EARLIER_STEP ->
                "You approved an earlier step of this request; this step needs somebody else.";
            case LATER_STEP_WITHOUT_APPROVER ->
                "Your approval would leave a later step of this request nobody left to approve it; another approver"
                        + " of this step must approve it.";
            case CHANNEL_NOT_ALLOWED -> "This step may not be decided here; its policy names where it is decided.";
        };
    }
}
