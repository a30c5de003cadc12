package io.countersign.web.api;

import io.countersign.request.Delegation;
import io.countersign.request.DelegationInput;
import io.countersign.request.Delegations;
import io.countersign.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/** A user's delegations (out-of-office): the user or an administrator; anyone else gets 404. */
@Tag(name = "Delegations", description = "A user's approvals handed to another user for a period.")
@RestController
@RequestMapping("/api/v1/users/{username}/delegations")
class DelegationController {

    record DelegationBody(String delegate, Instant from, Instant until, List<String> resources) {}

    /** {@code endedAt} is set when it was ended before {@code until}; {@code active} says whether it runs now. */
    @Schema(requiredProperties = {"id", "delegator", "delegate", "from", "until", "resources"})
    record DelegationResponse(
            String id,
            String delegator,
            String delegate,
            Instant from,
            Instant until,
            List<String> resources,
            Instant endedAt) {

        static DelegationResponse of(Delegation d) {
            return new DelegationResponse(
                    d.id(),
                    d.delegator().username(),
                    d.delegate().username(),
                    d.from(),
                    d.until(),
                    d.resources(),
                    d.endedAt());
        }
    }

    private final Delegations delegations;
    private final UnreadBodyValues unread;

    DelegationController(Delegations delegations, UnreadBodyValues unread) {
        this.delegations = delegations;
        this.unread = unread;
    }

    @Operation(operationId = "listDelegations", summary = "List a user's delegations, latest first")
    @GetMapping
    List<DelegationResponse> list(Actor actor, @PathVariable String username) {
        return delegations.list(actor, username).stream()
                .map(DelegationResponse::of)
                .toList();
    }

    @ReportsUnreadValues
    @Operation(
            operationId = "createDelegation",
            summary = "Delegate a user's approvals to another user for a period, optionally for some resources")
    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the new delegation")
    ResponseEntity<DelegationResponse> create(
            Actor actor, @PathVariable String username, @RequestBody DelegationBody body) {
        DelegationResponse created = unread.refuseOr(() -> DelegationResponse.of(delegations.create(
                actor, username, new DelegationInput(body.delegate(), body.from(), body.until(), body.resources()))));
        return ResponseEntity.created(URI.create(
                        "/api/v1/users/" + UriUtils.encodePathSegment(created.delegator(), StandardCharsets.UTF_8)
                                + "/delegations/" + created.id()))
                .body(created);
    }

    @Operation(operationId = "endDelegation", summary = "End a delegation now")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void end(Actor actor, @PathVariable String username, @PathVariable String id) {
        delegations.end(actor, username, id);
    }
}
