package io.countersign.shared;

/**
 * A domain event that the audit log records in the same transaction as the change it describes.
 * Modules publish their past-tense event records through Spring's event publisher; the audit
 * module listens for this interface and never needs to know the concrete types.
 */
public interface AuditableEvent {

    Actor actor();

    /** A dotted, lower-case action name such as {@code request.approved} or {@code user.created}. */
    String action();

    /** What was changed, such as {@code user:alice} or {@code policy:prod-db}. */
    String target();

    /** A short human-readable note; never a secret. */
    String note();

    /*
     * The "why" of a change. Each is its own column of the audit record and covered by its hash, so
     * that nobody can reword a justification or a reason in the database without it showing.
     */

    /** The requester's justification, on the event that creates a request. */
    default String justification() {
        return null;
    }

    /** The ticket the requester referenced, on the event that creates a request. */
    default String ticket() {
        return null;
    }

    /** What a person wrote with a decision: an approval, a rejection or a cancellation. */
    default String comment() {
        return null;
    }

    /** Why something was ended before its time, such as a grant's revocation. */
    default String reason() {
        return null;
    }

    default String requestId() {
        return null;
    }

    default String grantId() {
        return null;
    }
}
