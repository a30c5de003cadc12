package io.countersign.web.api;

import io.countersign.audit.AuditCheckpoint;
import io.countersign.audit.AuditCheckpoints;
import io.countersign.audit.CheckpointKey;
import io.countersign.audit.CheckpointPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Signed checkpoints of the audit chain and the key that verifies them, for administrators and auditors. */
@Tag(name = "Audit", description = "The tamper-evident log of every change.")
@RestController
class AuditCheckpointController {

    record CheckpointResponse(Instant at, long events, String headHash, String keyId, String signature) {

        static CheckpointResponse of(AuditCheckpoint checkpoint) {
            return new CheckpointResponse(
                    checkpoint.at(),
                    checkpoint.events(),
                    checkpoint.headHash(),
                    checkpoint.keyId(),
                    checkpoint.signature());
        }
    }

    record CheckpointPageResponse(List<CheckpointResponse> items, String nextCursor) {

        static CheckpointPageResponse of(CheckpointPage page) {
            return new CheckpointPageResponse(
                    page.items().stream().map(CheckpointResponse::of).toList(), page.nextCursor());
        }
    }

    record KeyResponse(String keyId, String algorithm, String publicKey, String publicKeyPem) {

        static KeyResponse of(CheckpointKey key) {
            return new KeyResponse(key.keyId(), key.algorithm(), key.publicKey(), key.pem());
        }
    }

    private final AuditCheckpoints checkpoints;

    AuditCheckpointController(AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Operation(operationId = "listAuditCheckpoints", summary = "List signed checkpoints of the audit chain")
    @GetMapping("/api/v1/audit/checkpoints")
    CheckpointPageResponse list(
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String limit) {
        return CheckpointPageResponse.of(checkpoints.list(cursor, limit));
    }

    @Operation(operationId = "getCheckpointKey", summary = "Read the public key that verifies checkpoint signatures")
    @GetMapping("/api/v1/audit/checkpoints/key")
    KeyResponse key() {
        return KeyResponse.of(checkpoints.publicKey());
    }
}
