package io.countersign.web.api;

import io.countersign.grant.Grants;
import io.countersign.request.AccessRequest;
import io.countersign.request.BreakGlassReviews;
import io.countersign.request.RequestPage;
import io.countersign.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditor's list of break-glass uses, each with its review. */
@Tag(name = "Requests")
@RestController
@RequestMapping("/api/v1/breakglass")
class BreakGlassController {

    private final BreakGlassReviews reviews;
    private final Grants grants;

    BreakGlassController(BreakGlassReviews reviews, Grants grants) {
        this.reviews = reviews;
        this.grants = grants;
    }

    @Operation(operationId = "listBreakGlassUses", summary = "List break-glass uses with their reviews, newest first")
    @GetMapping
    RequestResponse.Page list(
            Actor actor,
            @Parameter(
                            description = "only uses whose review deadline passed without a review",
                            schema = @Schema(type = "boolean", defaultValue = "false"))
                    @RequestParam(required = false)
                    Boolean overdue,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        RequestPage page = reviews.list(actor, Boolean.TRUE.equals(overdue), cursor, limit);
        List<String> ids = page.items().stream().map(AccessRequest::id).toList();
        return RequestResponse.Page.of(page, grants.forRequests(ids), reviews.forRequests(ids));
    }
}
