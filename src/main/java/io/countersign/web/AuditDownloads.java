package io.countersign.web;

import io.countersign.audit.AuditExport;
import io.countersign.audit.AuditExportFormat;
import io.countersign.audit.AuditQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The download of an audit export, for the API and for the audit page alike: the filters and format
 * are checked before the answer starts (a bad one is an ordinary error), then the events stream out
 * as an attachment named after the moment of the export. The export's slot is taken before the answer
 * starts, so that a busy instance refuses it with an ordinary error rather than a broken download.
 */
@Component
public class AuditDownloads {

    /** How long one export may take to download; it holds one of the instance's export slots meanwhile. */
    static final Duration LONGEST = Duration.ofHours(1);

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final AuditExport export;
    private final Clock clock;

    AuditDownloads(AuditExport export, Clock clock) {
        this.export = export;
        this.clock = clock;
    }

    /** @throws io.countersign.shared.InvalidInputException naming the format or filter that is wrong */
    public ResponseEntity<StreamingResponseBody> download(String format, AuditQuery filters) {
        AuditExportFormat chosen = AuditExportFormat.parse(format);
        filters.check();
        AuditExport.Slot slot = export.reserve();
        DownloadTimeout.allow(LONGEST);
        String name = "countersign-audit-" + STAMP.format(clock.instant()) + "." + chosen.extension();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, chosen.contentType())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .body(out -> export.write(slot, filters, chosen, out));
    }
}
