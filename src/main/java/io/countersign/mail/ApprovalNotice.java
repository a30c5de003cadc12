package io.countersign.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an approver is told when a step opens for them.
 *
 * @param actionToken the approver's single-use decision token for this step, for replies by mail; null
 *     when the step's policy takes no decision by mail
 * @param linkToken the approver's token for the link to the confirmation page (the same token will
 *     do, but a token of its own records that the decision came through the link); null when the
 *     step's policy takes no decision on the web
 * @param approvalsGiven approvals already counted on this step, of {@code requiredApprovals}
 * @param otherApprovers the others who may decide this step now, delegates in force among them
 * @param deadline when the step (or the request) runs out, or null when it never does
 * @param onBehalfOf the approver the recipient decides for as their delegate, or null when they
 *     decide as themself
 * @param decidedThrough the only channels the step's policy takes decisions from; empty when it takes
 *     them from every one
 * @param extending the grant an extension request asks more time on, or null for new access; the
 *     approver must see that they lengthen access already in force, not grant it afresh
 * @param escalated how the step came to the recipient by escalation, or null when it was theirs from
 *     the start
 * @param startsAt when the access asked for would start, or null when it starts once approved; an
 *     approver must see that they approve access for a later time
 * @param approvalRefused why the recipient may not approve the step though they may reject it
 *     (separation of duties across steps), said after "you may reject it but not approve it:"; null
 *     when they may approve it
 */
public record ApprovalNotice(
        String requestId,
        Person recipient,
        String recipientAddress,
        String actionToken,
        String linkToken,
        Person requester,
        String resource,
        String account,
        Duration duration,
        String justification,
        String ticket,
        String stepName,
        int stepNumber,
        int stepCount,
        int requiredApprovals,
        int approvalsGiven,
        List<Approver> otherApprovers,
        Instant deadline,
        Person onBehalfOf,
        List<String> decidedThrough,
        Extension extending,
        Escalation escalated,
        Instant startsAt,
        String approvalRefused) {

    /** The grant an extension lengthens, and when it ends as things stand; {@code endsAt} null when unknown. */
    public record Extension(String grantId, Instant endsAt) {}

    /**
     * A step escalated to the recipient after it waited {@code after} (null when unknown): because it
     * timed out ({@code timedOut}), or because its approvers can no longer give the approvals it needs.
     */
    public record Escalation(Duration after, boolean timedOut) {}

    /**
     * Someone who may decide the step: an approver ({@code standsInFor} empty), or a delegate who
     * decides for the approvers {@code standsInFor} names.
     */
    public record Approver(Person person, List<Person> standsInFor) {

        public Approver {
            standsInFor = List.copyOf(standsInFor);
        }

        /** "Sam Sec (sam)", or for a delegate "Sam Sec (sam) for Lisa Lead (lisa)". */
        public String label() {
            return standsInFor.isEmpty()
                    ? person.label()
                    : person.label() + " for "
                            + standsInFor.stream().map(Person::label).collect(Collectors.joining(" and "));
        }
    }

    public ApprovalNotice {
        otherApprovers = List.copyOf(otherApprovers);
        decidedThrough = decidedThrough == null ? List.of() : List.copyOf(decidedThrough);
    }
}
