package io.countersign.web.pages;

import io.countersign.audit.AuditLog;
import io.countersign.audit.AuditPage;
import io.countersign.audit.AuditQuery;
import io.countersign.audit.AuditRecord;
import io.countersign.audit.ChainVerification;
import io.countersign.shared.Problems;
import io.countersign.web.AuditDownloads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit log for administrators and auditors: the filters of {@code GET /api/v1/audit}, a page at
 * a time; the verification of the hash chain on demand (it reads the whole log); and the export of the
 * filtered range through the same code as {@code GET /api/v1/audit/export}.
 */
@Controller
class AuditLogPage {

    /** The filters the page's form has a field for. */
    private static final Set<String> FILTERS = Set.of("requestId", "actor", "action", "from", "to");

    private final AuditLog log;
    private final AuditDownloads downloads;

    AuditLogPage(AuditLog log, AuditDownloads downloads) {
        this.log = log;
        this.downloads = downloads;
    }

    @GetMapping("/audit")
    @KnownParametersOnly
    @ListPage
    String show(
            @RequestParam(required = false) String requestId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String verify,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("requestId", requestId);
        filters.put("actor", actor);
        filters.put("action", action);
        model.addAttribute("filters", filters);
        model.addAttribute("from", UtcTimes.field(from));
        model.addAttribute("to", UtcTimes.field(to));
        List<AuditRecord> events = RefusedFilters.listed(
                request,
                response,
                model,
                FILTERS,
                () -> {
                    AuditQuery query = query(requestId, actor, action, from, to, cursor);
                    AuditPage page = log.query(query);
                    UriComponentsBuilder here = UriComponentsBuilder.fromPath("/audit");
                    Map<String, String> exported = new LinkedHashMap<>(filters);
                    exported.put(
                            "from", query.from() == null ? null : query.from().toString());
                    exported.put("to", query.to() == null ? null : query.to().toString());
                    exported.forEach((name, value) -> {
                        if (value != null && !value.isBlank()) {
                            here.queryParam(name, value.trim());
                        }
                    });
                    model.addAttribute("exportFilters", exported);
                    PageLinks.add(model, here, cursor, page.nextCursor());
                    return page.items();
                },
                List.of());
        model.addAttribute("events", events);
        if (verify != null) {
            ChainVerification verification = log.verify();
            model.addAttribute("verification", verification);
            model.addAttribute("verdict", ChainVerdict.of(verification));
        }
        return "pages/audit";
    }

    /** The filtered range as a file; the filters come from the page's own export form. */
    @GetMapping("/audit/export")
    @KnownParametersOnly
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam(required = false) String format,
            @RequestParam(required = false) String requestId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return downloads.download(format, query(requestId, actor, action, from, to, null));
    }

    /** The API's query, with the times of the page's fields (UTC, no zone) as instants. */
    private static AuditQuery query(
            String requestId, String actor, String action, String from, String to, String cursor) {
        Problems problems = new Problems();
        Instant since = UtcTimes.parse(from, "from", problems);
        Instant until = UtcTimes.parse(to, "to", problems);
        problems.throwIfAny();
        return AuditQuery.fromParameters(
                requestId,
                actor,
                action,
                since == null ? null : since.toString(),
                until == null ? null : until.toString(),
                cursor,
                null);
    }
}
