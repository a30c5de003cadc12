package io.countersign.mail.internal.inbound;

import io.countersign.shared.Channel;
import java.util.List;
import java.util.Optional;

/**
 * Applies a reply to its request: redeems the token as the approver it was issued to, provided the
 * sender is that approver's address and the address belongs to exactly one active user. Runs inside
 * the transaction that records the message as processed, so a decision and its record commit
 * together. A refusal is returned as an {@link Outcome}, or thrown as a {@code CountersignException}
 * whose message becomes the reason; either way the transaction then changes nothing but the record.
 */
public interface ReplyDecider {

    Outcome decide(ParsedReply reply);

    /**
     * The channels through which {@code sender} can still decide the step {@code token} was mailed
     * for, once a reply carrying it was refused for how it was written; empty when the token is not
     * theirs or no longer usable.
     */
    default List<Channel> stillOpenTo(String token, String requestId, String sender) {
        return List.of();
    }

    /**
     * The request {@code token} was mailed for, when it was mailed to {@code sender}: what a reply
     * naming no request of its own is about. Empty when the token is unknown or not theirs.
     */
    default Optional<String> requestOf(String token, String sender) {
        return Optional.empty();
    }

    /**
     * Whether the request exists: a subject may name any id, and a reply is audited and answered as
     * about a request only when there is one. A decider that cannot tell takes every id for one.
     */
    default boolean knows(String requestId) {
        return true;
    }

    /**
     * Where the policy takes decisions on the open step of {@code requestId}, when {@code sender} is
     * the address of one active user who may decide that step, but not by mail: what a reply without
     * a reply code, which the step's approval mail rightly lacks, is told instead of how to reply with
     * one. Empty otherwise, also when the step takes mail.
     */
    default List<Channel> decidedOnlyElsewhere(String requestId, String sender) {
        return List.of();
    }

    /**
     * Whether every approval mail that went to {@code sender} about the request's open step left
     * without a reply code, approving by mail being off, where the step takes decisions by mail:
     * pointing them at a mail that shows a code would point at nothing.
     */
    default boolean askedOnlyWithoutCode(String requestId, String sender) {
        return false;
    }

    /**
     * What became of a reply.
     *
     * @param requestId the request concerned, when known
     * @param decided true when the reply approved or rejected its step
     * @param reason why nothing changed (null when decided): short, for the sender and the audit log
     * @param stillRejectThrough where the sender, whose approval was refused, may still reject the
     *     step; empty when they may not, or the reply was not refused for approving
     */
    record Outcome(String requestId, boolean decided, String reason, List<Channel> stillRejectThrough) {

        public Outcome {
            stillRejectThrough = List.copyOf(stillRejectThrough);
        }

        public static Outcome decided(String requestId) {
            return new Outcome(requestId, true, null, List.of());
        }

        public static Outcome refused(String requestId, String reason) {
            return new Outcome(requestId, false, reason, List.of());
        }

        public static Outcome refusedButMayReject(String requestId, String reason, List<Channel> rejectThrough) {
            return new Outcome(requestId, false, reason, rejectThrough);
        }
    }
}
