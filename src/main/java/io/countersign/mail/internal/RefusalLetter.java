package io.countersign.mail.internal;

import io.countersign.mail.RefusalNotice;
import io.countersign.shared.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * The short answer to a reply that was not taken as a decision. It tells the sender they can still
 * decide only when they can, and only through what the step takes: the reply was refused for how it
 * was written, its code is still theirs to use, and the step is still open.
 */
public final class RefusalLetter {

    private RefusalLetter() {}

    public static Letter write(RefusalNotice notice, Letterhead head) {
        return new Letter()
                .paragraph("Your reply was not taken as a decision: " + notice.reason())
                .paragraph(
                        "Nothing was changed." + onlyElsewhere(notice) + stillDecide(notice, head) + howToReply(notice))
                .paragraph("This answer was sent automatically by " + head.instanceName() + ".");
    }

    /**
     * How to reply so that a reply decides. Pointing at a mail that shows a reply code helps only a
     * sender who was sent one: an approver mailed while approving by mail was off is told that a mail
     * with a code follows instead.
     */
    private static String howToReply(RefusalNotice notice) {
        return switch (notice.advice()) {
            case NONE -> "";
            case HOW_TO_REPLY ->
                " Countersign could not tell which approval your reply answers. To decide by mail, reply to the"
                        + " approval mail itself (one that shows a reply code), keeping its subject, which names the"
                        + " request, and sending to its reply address, which carries your reply code.";
            case CODE_TO_FOLLOW ->
                " The approval mail you were sent about this step shows no reply code: it left while approving by"
                        + " mail was switched off. Countersign mails you a new one with a reply code once approving"
                        + " by mail is on; reply to that one.";
        };
    }

    /**
     * Said when the step takes no mail, as its approval mail says it, lest the sender look for a way
     * to decide by mail that the policy does not offer.
     */
    private static String onlyElsewhere(RefusalNotice notice) {
        List<String> ways =
                notice.stillDecideThrough().stream().map(Channel::name).toList();
        return ways.isEmpty() || ways.contains(Channel.EMAIL.name())
                ? ""
                : " " + DecisionChannels.onlyThrough(ways, false);
    }

    /**
     * Each way names the mail it means, as any may be the only one: "replying to it" would point at
     * nothing once the link before it is left out. {@code WEB} is the link and the request's page alike.
     * An approver who may only reject is offered the ways to reject, a reply with Reject among them.
     */
    private static String stillDecide(RefusalNotice notice, Letterhead head) {
        List<String> ways = new ArrayList<>();
        if (notice.stillDecideThrough().contains(Channel.WEB)) {
            ways.add(
                    notice.requestId() == null
                            ? "from the link in the original mail"
                            : "from the link in the original mail or on the request's page, "
                                    + head.requestLink(notice.requestId()));
        }
        if (notice.stillDecideThrough().contains(Channel.EMAIL)) {
            ways.add("by replying to the original mail with " + (notice.onlyReject() ? "Reject" : "Approve or Reject")
                    + " on the first line, above the quoted mail");
        }
        if (notice.stillDecideThrough().contains(Channel.API)) {
            ways.add("through Countersign's API");
        }
        if (ways.isEmpty()) {
            return "";
        }
        return (notice.onlyReject() ? " You can still reject this step " : " You can still decide ")
                + String.join(", or ", ways) + ".";
    }
}
