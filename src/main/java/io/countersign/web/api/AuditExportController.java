package io.countersign.web.api;

import io.countersign.audit.AuditExportFormat;
import io.countersign.audit.AuditQuery;
import io.countersign.web.AuditDownloads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The audit log as a file, for administrators and auditors to keep or to load into other tools. */
@Tag(name = "Audit", description = "The tamper-evident log of every change.")
@RestController
class AuditExportController {

    private final AuditDownloads downloads;

    AuditExportController(AuditDownloads downloads) {
        this.downloads = downloads;
    }

    /**
     * Every event matching the filters of {@code GET /audit}, oldest first, streamed as it is read:
     * CSV (RFC 4180, a header line, cells a spreadsheet would run as a formula prefixed with an
     * apostrophe) or JSON Lines (one event per line, shaped as in {@code GET /audit}).
     */
    @Operation(operationId = "exportAuditEvents", summary = "Export audit events as CSV or JSON Lines")
    @ApiResponse(
            responseCode = "200",
            description = "The events as an attachment; `Content-Disposition` names the file",
            content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                @Content(mediaType = "application/jsonl", schema = @Schema(type = "string"))
            })
    @GetMapping("/api/v1/audit/export")
    ResponseEntity<StreamingResponseBody> export(
            @Parameter(description = "`csv` or `jsonl`") @RequestParam(required = false) String format,
            @RequestParam(required = false) String requestId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletRequest request)
            throws HttpMediaTypeNotAcceptableException {
        AuditQuery filters = AuditQuery.fromParameters(requestId, actor, action, from, to, null, null);
        // the answer streams as it is written, so Spring MVC never compares its type with Accept
        MediaType written =
                MediaType.parseMediaType(AuditExportFormat.parse(format).contentType());
        MediaType answered = new MediaType(written.getType(), written.getSubtype());
        if (!AcceptedTypes.admits(request, answered)) {
            throw new HttpMediaTypeNotAcceptableException(List.of(answered));
        }
        return downloads.download(format, filters);
    }
}
