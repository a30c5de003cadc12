package io.countersign.audit;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Instant;

/**
 * An event about to be appended, its values checked against the columns of {@code audit_events}.
 * Identifiers that do not fit are a bug in the publishing module and fail the change; free text (the
 * note, justification, ticket, comment and reason) is fitted instead, before it is hashed, so that
 * the stored row is exactly what was hashed.
 */
record AuditDraft(
        String actor,
        String actorRole,
        String channel,
        String sourceAddress,
        String action,
        String target,
        String requestId,
        String grantId,
        String note,
        String justification,
        String ticket,
        String comment,
        String reason) {

    static final int TEXT_MAX_LENGTH = 4000;
    private static final String ELLIPSIS = "\u2026";

    static AuditDraft of(AuditableEvent event) {
        Actor actor = event.actor();
        if (actor == null) {
            throw invalid(event, "has no actor");
        }
        String action = event.action();
        if (action == null || action.isBlank()) {
            throw invalid(event, "has no action");
        }
        return new AuditDraft(
                fitting(event, "actor", actor.username(), 128),
                actor.auditedRole(),
                actor.channel().name(),
                fitting(event, "source address", actor.sourceAddress(), 64),
                fitting(event, "action", action, 64),
                fitting(event, "target", event.target(), 300),
                fitting(event, "request id", event.requestId(), 32),
                fitting(event, "grant id", event.grantId(), 32),
                fitText(event.note()),
                fitText(event.justification()),
                fitText(event.ticket()),
                fitText(event.comment()),
                fitText(event.reason()));
    }

    /** The stored row that follows the event {@code previousId} whose hash is {@code previousHash}. */
    AuditRecord after(long previousId, String previousHash, Instant occurredAt) {
        AuditRecord unhashed = new AuditRecord(
                previousId + 1,
                occurredAt,
                actor,
                actorRole,
                channel,
                sourceAddress,
                action,
                target,
                requestId,
                grantId,
                note,
                justification,
                ticket,
                comment,
                reason,
                ChainHash.CURRENT_VERSION,
                previousHash,
                null);
        return unhashed.withHash(ChainHash.of(unhashed));
    }

    /**
     * Fits free text into its column. PostgreSQL cannot store the NUL character, so it becomes U+FFFD rather than failing the change;
     * text longer than the column keeps its start and ends with an ellipsis, never splitting a
     * surrogate pair.
     */
    static String fitText(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.replace('\u0000', '\uFFFD');
        if (clean.length() <= TEXT_MAX_LENGTH) {
            return clean;
        }
        int end = TEXT_MAX_LENGTH - ELLIPSIS.length();
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end) + ELLIPSIS;
    }

    private static String fitting(AuditableEvent event, String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw invalid(event, "has a " + field + " longer than " + maxLength + " characters");
        }
        return value;
    }

    private static IllegalArgumentException invalid(AuditableEvent event, String problem) {
        return new IllegalArgumentException(
                "Cannot audit " + event.getClass().getSimpleName() + ": it " + problem + "; the change is refused");
    }
}
