package io.countersign.audit;

import java.time.Instant;

/**
 * One stored audit event exactly as the database holds it. Role and channel stay strings so that a
 * tampered row can still be read and shown instead of failing to parse. {@code justification},
 * {@code ticket}, {@code comment} and {@code reason} say why the change was made; {@code
 * hashVersion} names the encoding its hash was computed with (see {@link ChainHash}).
 */
public record AuditRecord(
        long id,
        Instant occurredAt,
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
        String reason,
        int hashVersion,
        String previousHash,
        String hash) {

    AuditRecord withHash(String computed) {
        return new AuditRecord(
                id,
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
                hashVersion,
                previousHash,
                computed);
    }
}
