package io.countersign.mail;

import java.time.Instant;

/**
 * What a requester is told when their request ends.
 *
 * @param decidedBy who approved, rejected or cancelled; null when it expired or the service decided
 * @param onBehalfOf the approver a delegate decided for, as the decision records it; else null
 * @param grantStart when access starts, for an approved request; else null
 * @param grantEnd when access ends, for an approved request; else null
 */
public record OutcomeNotice(
        String requestId,
        Person requester,
        String requesterAddress,
        String resource,
        String account,
        Outcome outcome,
        Person decidedBy,
        Person onBehalfOf,
        String comment,
        Instant grantStart,
        Instant grantEnd) {

    public enum Outcome {
        APPROVED,
        REJECTED,
        EXPIRED,
        CANCELLED;

        String word() {
            return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
        }
    }
}
