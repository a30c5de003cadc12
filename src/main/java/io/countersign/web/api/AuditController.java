package io.countersign.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.countersign.audit.AuditLog;
import io.countersign.audit.AuditPage;
import io.countersign.audit.AuditQuery;
import io.countersign.audit.AuditRecord;
import io.countersign.audit.ChainAnchor;
import io.countersign.audit.ChainVerification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for administrators and auditors: listing with filters, and verification of the chain. */
@Tag(name = "Audit", description = "The tamper-evident log of every change.")
@RestController
class AuditController {

    record AuditEventResponse(
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

        static AuditEventResponse of(AuditRecord event) {
            return new AuditEventResponse(
                    event.id(),
                    event.occurredAt(),
                    event.actor(),
                    event.actorRole(),
                    event.channel(),
                    event.sourceAddress(),
                    event.action(),
                    event.target(),
                    event.requestId(),
                    event.grantId(),
                    event.note(),
                    event.justification(),
                    event.ticket(),
                    event.comment(),
                    event.reason(),
                    event.hashVersion(),
                    event.previousHash(),
                    event.hash());
        }
    }

    record AuditPageResponse(List<AuditEventResponse> items, String nextCursor) {

        static AuditPageResponse of(AuditPage page) {
            return new AuditPageResponse(
                    page.items().stream().map(AuditEventResponse::of).toList(), page.nextCursor());
        }
    }

    /** A head kept outside the chain: event number {@code events} carried {@code headHash}. */
    record CheckpointHeadResponse(long events, String headHash) {}

    /**
     * {@code firstBrokenEventId} and {@code reason} appear only when the chain is broken, {@code
     * checkpoint} only when a checkpoint or a kept head contradicts it (the earliest one), {@code
     * oldestUnsealedAt} only when events wait to be sealed into the chain.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"valid", "events", "unsealedEvents"})
    record VerificationResponse(
            boolean valid,
            long events,
            Long firstBrokenEventId,
            String reason,
            String headHash,
            CheckpointHeadResponse checkpoint,
            long unsealedEvents,
            Instant oldestUnsealedAt) {

        static VerificationResponse of(ChainVerification verification) {
            return new VerificationResponse(
                    verification.valid(),
                    verification.events(),
                    verification.firstBrokenEventId(),
                    verification.reason() == null ? null : verification.reason().code(),
                    verification.headHash(),
                    verification.checkpoint() == null
                            ? null
                            : new CheckpointHeadResponse(
                                    verification.checkpoint().events(),
                                    verification.checkpoint().headHash()),
                    verification.unsealedEvents(),
                    verification.oldestUnsealedAt());
        }
    }

    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Operation(operationId = "listAuditEvents", summary = "List audit events")
    @GetMapping("/api/v1/audit")
    AuditPageResponse list(
            @RequestParam(required = false) String requestId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String limit) {
        AuditQuery query = AuditQuery.fromParameters(requestId, actor, action, from, to, cursor, limit);
        return AuditPageResponse.of(auditLog.query(query));
    }

    /**
     * The chain must contain every checkpoint stored in the database and, with {@code events} and
     * {@code headHash} (a checkpoint kept outside the database), that head too: event number {@code
     * events} carrying {@code headHash}.
     */
    @Operation(operationId = "verifyAudit", summary = "Verify the hash chain of the audit log")
    @GetMapping("/api/v1/audit/verify")
    VerificationResponse verify(
            @RequestParam(required = false) String events, @RequestParam(required = false) String headHash) {
        ChainAnchor anchor = ChainAnchor.fromParameters(events, headHash);
        return VerificationResponse.of(anchor == null ? auditLog.verify() : auditLog.verify(anchor));
    }
}
