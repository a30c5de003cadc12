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

    default String requestId() {
        return null;
    }

    default String grantId() {
        return null;
    }
}
