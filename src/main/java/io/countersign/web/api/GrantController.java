package io.countersign.web.api;

import io.countersign.grant.GrantPage;
import io.countersign.grant.Grants;
import io.countersign.request.AccessRequest;
import io.countersign.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Grants", description = "Access granted by approved requests.")
@RestController
@RequestMapping("/api/v1/grants")
class GrantController {

    record RevokeBody(String reason) {}

    /** More time on a grant: {@code duration} more, from its current end. */
    record ExtendBody(Duration duration, String justification, String ticket) {}

    @Schema(name = "GrantPage")
    record Page(List<GrantResponse> items, String nextCursor) {}

    private final Grants grants;
    private final UnreadBodyValues unread;

    GrantController(Grants grants, UnreadBodyValues unread) {
        this.grants = grants;
        this.unread = unread;
    }

    @Operation(
            operationId = "extendGrant",
            summary = "Ask for more time on your own grant",
            description = "Opens an extension request, decided under the policy that governs the grant's resource and"
                    + " account today (its extension steps, or its own steps) within its maximum total duration."
                    + " Once approved the grant's end moves; a grant that ends first ends, and the request with it.")
    // read strictly, as a new request's body is: an extension opens an access request
    @PostMapping("/{id}/extend")
    @ActionOnObject
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the new request")
    ResponseEntity<RequestResponse> extend(
            Actor actor, @PathVariable String id, @RequestBody(required = false) ExtendBody body) {
        ExtendBody ask = body == null ? new ExtendBody(null, null, null) : body;
        AccessRequest request = grants.extend(actor, id, ask.duration(), ask.justification(), ask.ticket());
        return ResponseEntity.created(URI.create("/api/v1/requests/" + request.id()))
                .body(RequestResponse.of(request, null));
    }

    @Operation(operationId = "listGrants", summary = "List grants, newest first")
    @GetMapping
    Page list(
            Actor actor,
            @Parameter(
                            description = "true: only grants in force now (`ACTIVE`, or `APPROVED_UNUSED` within its"
                                    + " claim window); false: only the others (`SCHEDULED`, `EXPIRED`, `REVOKED`);"
                                    + " left out: every grant")
                    @RequestParam(required = false)
                    Boolean active,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        GrantPage page = grants.list(actor, active, cursor, limit);
        return new Page(page.items().stream().map(GrantResponse::of).toList(), page.nextCursor());
    }

    @Operation(operationId = "getGrant", summary = "Read a grant")
    @GetMapping("/{id}")
    @ReadOfObject
    GrantResponse get(Actor actor, @PathVariable String id) {
        return GrantResponse.of(grants.get(actor, id));
    }

    @ReportsUnreadValues
    @Operation(operationId = "revokeGrant", summary = "End a grant at once")
    @PostMapping("/{id}/revoke")
    @ActionOnObject
    GrantResponse revoke(Actor actor, @PathVariable String id, @RequestBody(required = false) RevokeBody body) {
        return unread.refuseOr(() -> GrantResponse.of(grants.revoke(actor, id, body == null ? null : body.reason())));
    }
}
