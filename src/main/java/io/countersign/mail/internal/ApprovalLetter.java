package io.countersign.mail.internal;

import io.countersign.mail.ApprovalNotice;
import io.countersign.shared.TimesForPeople;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The body of the mail that asks an approver to decide a step. */
public final class ApprovalLetter {

    private ApprovalLetter() {}

    public static Letter write(ApprovalNotice notice, Letterhead head) {
        String step = (notice.stepName() == null || notice.stepName().isBlank()
                        ? "Step " + notice.stepNumber()
                        : notice.stepName())
                + " (step " + notice.stepNumber() + " of " + notice.stepCount() + ")";
        boolean rejectOnly = notice.approvalRefused() != null;
        Letter letter = new Letter()
                .paragraph(asks(notice, head)
                        + (rejectOnly
                                ? ", and you may reject it but not approve it: " + notice.approvalRefused() + "."
                                        + (notice.onBehalfOf() == null
                                                ? ""
                                                : " You reject it on behalf of " + delegator(notice)
                                                        + ": your rejection counts as theirs.")
                                : ", and you may approve it"
                                        + (notice.onBehalfOf() == null
                                                ? "."
                                                : " on behalf of " + delegator(notice)
                                                        + ": your decision counts as theirs.")));
        if (notice.escalated() != null) {
            letter.paragraph(escalated(notice.escalated()));
        }
        letter.field("Request", "#" + notice.requestId())
                .field("Requester", notice.requester().label())
                .field("Resource", notice.resource())
                .field("Account", notice.account())
                .field("Extends", extended(notice.extending(), head))
                .field(
                        "Starts",
                        notice.startsAt() == null ? null : TimesForPeople.starts(notice.startsAt(), head.now()))
                .field(
                        "Duration",
                        TimesForPeople.lasting(notice.duration()) + (notice.extending() == null ? "" : " more"))
                .field("Justification", notice.justification())
                .field("Ticket", notice.ticket())
                .field("Step", step)
                .field(
                        "Approvals",
                        notice.approvalsGiven() + " of " + notice.requiredApprovals() + " required approvals given")
                .field("Others who may approve", others(notice.otherApprovers()))
                .field("Deadline", notice.deadline() == null ? "none" : head.time(notice.deadline()))
                .link("Open the request", head.requestLink(notice.requestId()));
        if (notice.linkToken() != null) {
            letter.link(rejectOnly ? "Reject" : "Approve or reject", head.actionLink(notice.linkToken()));
        }
        if (!notice.decidedThrough().isEmpty() && (notice.actionToken() == null || notice.linkToken() == null)) {
            letter.paragraph(DecisionChannels.onlyThrough(notice.decidedThrough(), head.approveByMail()));
        }
        if (head.approveByMail() && notice.actionToken() != null) {
            letter.paragraph(howToReply(notice, head, rejectOnly) + " Reply from the address this mail was sent to"
                            + " and keep the reply code below.")
                    .paragraph("Reply code: " + notice.actionToken());
        }
        return letter;
    }

    /** Whom a delegate's decision counts for, named alike whatever they may decide. */
    private static String delegator(ApprovalNotice notice) {
        return notice.onBehalfOf().label() + ", who delegated their approvals to you";
    }

    /**
     * The first line a reply needs. "also" only beside the link: where a reply is the one way offered
     * here, it is no extra. An approver who may only reject is offered no words that approve, as a
     * reply with one would be refused.
     */
    private static String howToReply(ApprovalNotice notice, Letterhead head, boolean rejectOnly) {
        String verb = rejectOnly ? "reject" : "answer";
        String reply = notice.linkToken() == null
                ? "To " + verb + " by mail, reply"
                : "You can also " + verb + " by mail. Reply";
        return rejectOnly
                ? reply + " with Reject on the first line; the whole first line becomes your comment."
                : reply + " with Approve or Reject on the first line. These words approve: "
                        + String.join(", ", approveWords(head))
                        + "; anything else rejects, and the whole first line becomes your comment.";
    }

    /** Why the step reaches the reader only now. */
    private static String escalated(ApprovalNotice.Escalation escalation) {
        if (escalation.after() == null) {
            return "This step was escalated to you: its approvers can no longer give the approvals it needs.";
        }
        return escalation.timedOut()
                ? "This step was escalated to you: its approvers had not decided it after "
                        + TimesForPeople.lasting(escalation.after()) + "."
                : "This step was escalated to you after " + TimesForPeople.lasting(escalation.after())
                        + ": its approvers can no longer give the approvals it needs.";
    }

    /** What is asked: an extension says so, lest the approver take it for access not yet in force. */
    private static String asks(ApprovalNotice notice, Letterhead head) {
        String account = "the account " + notice.account() + " on " + notice.resource();
        if (notice.extending() == null) {
            return notice.requester().label() + " asks for access to " + account;
        }
        ApprovalNotice.Extension extending = notice.extending();
        return notice.requester().label() + " asks to extend grant " + extending.grantId() + ", their access to "
                + account + (extending.endsAt() == null ? "" : " " + ending(extending, head)) + ", by "
                + TimesForPeople.lasting(notice.duration()) + " more";
    }

    private static String extended(ApprovalNotice.Extension extending, Letterhead head) {
        if (extending == null) {
            return null;
        }
        String grant = "grant " + extending.grantId();
        return extending.endsAt() == null ? grant : grant + ", " + ending(extending, head);
    }

    /** "ending at …", or "which ended at …" should the grant run out before the mail leaves. */
    private static String ending(ApprovalNotice.Extension extending, Letterhead head) {
        return (extending.endsAt().isAfter(head.now()) ? "ending at " : "which ended at ")
                + head.time(extending.endsAt());
    }

    private static String others(List<ApprovalNotice.Approver> others) {
        return others.isEmpty()
                ? "nobody else"
                : others.stream().map(ApprovalNotice.Approver::label).collect(Collectors.joining(", "));
    }

    private static List<String> approveWords(Letterhead head) {
        List<String> words = new ArrayList<>(Letterhead.BUILT_IN_APPROVE_WORDS);
        words.addAll(head.keywords());
        return words;
    }
}
