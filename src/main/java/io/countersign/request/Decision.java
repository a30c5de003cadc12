package io.countersign.request;

import io.countersign.shared.Channel;
import java.time.Duration;
import java.time.Instant;

/**
 * One person's (or the system's) verdict on one step. Auto-approvals are recorded with approver
 * {@link #SYSTEM_APPROVER} and channel {@link Channel#SYSTEM}, the reason as comment. {@code
 * approverId} is the person's user id, which is what counts; null for the system. {@code allowed} is
 * the shorter duration an approver allowed (partial approval); null when they allowed what was asked.
 * {@code onBehalfOf} is the approver a delegate decided for ("by X on behalf of Y"), null otherwise;
 * such a decision uses up both people on its step. {@code withdrawn} says why an approval no longer
 * counts towards its step (the person who gave it, or for whom it was given, left or stopped approving
 * while the step was still open); null while it counts.
 */
public record Decision(
        String approver,
        String approverId,
        int step,
        Verdict verdict,
        String comment,
        Channel channel,
        Instant at,
        Duration allowed,
        Participant onBehalfOf,
        String withdrawn) {

    public Decision(
            String approver,
            String approverId,
            int step,
            Verdict verdict,
            String comment,
            Channel channel,
            Instant at,
            Duration allowed,
            Participant onBehalfOf) {
        this(approver, approverId, step, verdict, comment, channel, at, allowed, onBehalfOf, null);
    }

    public Decision(
            String approver,
            String approverId,
            int step,
            Verdict verdict,
            String comment,
            Channel channel,
            Instant at,
            Duration allowed) {
        this(approver, approverId, step, verdict, comment, channel, at, allowed, null);
    }

    public Decision(
            String approver,
            String approverId,
            int step,
            Verdict verdict,
            String comment,
            Channel channel,
            Instant at) {
        this(approver, approverId, step, verdict, comment, channel, at, null);
    }

    /** Whether the user with this id made this decision. */
    public boolean by(String userId) {
        return approverId != null && approverId.equals(userId);
    }

    /** Whether this decision used up the person with this id: they made it, or it was made on their behalf. */
    public boolean uses(String userId) {
        return by(userId) || (onBehalfOf != null && onBehalfOf.id().equals(userId));
    }

    /**
     * Whether this decision keeps the person from deciding its step again: they made it, or it was made
     * on their behalf and still stands. An approval withdrawn because its delegate left no longer speaks
     * for the person it was given for.
     */
    public boolean takesUp(String userId) {
        return by(userId) || (withdrawn == null && uses(userId));
    }

    public static final String SYSTEM_APPROVER = "system";

    public boolean isApproval() {
        return verdict == Verdict.APPROVE;
    }

    /** Whether this is an approval that counts towards its step's required approvals. */
    public boolean counts() {
        return isApproval() && withdrawn == null;
    }

    /** This approval, no longer counting, for the reason given. */
    Decision withdrawnBecause(String reason) {
        return new Decision(approver, approverId, step, verdict, comment, channel, at, allowed, onBehalfOf, reason);
    }

    /** Whether a person made this decision (as opposed to an automatic approval). */
    public boolean byPerson() {
        return channel != Channel.SYSTEM;
    }
}
