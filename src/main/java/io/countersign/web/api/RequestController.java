package io.countersign.web.api;

import io.countersign.grant.Grant;
import io.countersign.grant.Grants;
import io.countersign.request.AccessRequest;
import io.countersign.request.BreakGlassReview;
import io.countersign.request.BreakGlassReviews;
import io.countersign.request.CreatedRequest;
import io.countersign.request.DeadlinePassed;
import io.countersign.request.RequestInput;
import io.countersign.request.RequestPage;
import io.countersign.request.RequestQuery;
import io.countersign.request.RequestStatus;
import io.countersign.request.Requests;
import io.countersign.security.EnforcerScopes;
import io.countersign.shared.Actor;
import io.countersign.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** Access requests: creation, decisions and reading. The grant of an approved request is composed in here. */
@Tag(name = "Requests", description = "Access requests and the decisions on them.")
@RestController
@RequestMapping("/api/v1/requests")
class RequestController {

    record CreateBody(
            String resource,
            String account,
            Duration duration,
            String justification,
            String ticket,
            Instant startsAt,
            String requester,
            Boolean breakGlass) {}

    record CommentBody(String comment) {}

    /**
     * An approval; {@code duration}, when given, is the most the approver allows (never more than
     * asked); {@code step}, when given, the step (from 0) it is for, refused if the request is elsewhere.
     */
    record ApproveBody(String comment, Duration duration, Integer step) {}

    /** A rejection; {@code step} as for an approval. */
    record RejectBody(String comment, Integer step) {}

    private final Requests requests;
    private final TransactionTemplate transactions;
    private final Grants grants;
    private final RequestWaiter waiter;
    private final EnforcerScopes scopes;
    private final BreakGlassReviews reviews;

    RequestController(
            Requests requests,
            Grants grants,
            RequestWaiter waiter,
            EnforcerScopes scopes,
            BreakGlassReviews reviews,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.requests = requests;
        this.reviews = reviews;
        this.grants = grants;
        this.waiter = waiter;
        this.scopes = scopes;
    }

    /** {@code Prefer: wait=N} holds the answer up to N seconds (at most 60) until the request is decided. */
    // documented with the plain variant below: the description merges the two into one operation
    @PostMapping(headers = "Prefer")
    DeferredResult<ResponseEntity<RequestResponse>> createAndWait(
            Actor actor,
            @RequestBody CreateBody body,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestHeader("Prefer") String prefer,
            HttpServletRequest request) {
        // read before anything is created: a refused header must leave no request behind
        int seconds = RequestWaiter.preferredWait(prefer);
        ResponseEntity<RequestResponse> created = create(actor, body, idempotencyKey, request);
        String id = created.getBody().id();
        // not shared: the status and headers are this call's own (a replayed creation answers 200)
        return waiter.await(
                id,
                null,
                seconds,
                created,
                () -> ResponseEntity.status(created.getStatusCode())
                        .headers(created.getHeaders())
                        .body(withGrant(requests.get(actor, id))),
                answer -> answer.getBody().status() != RequestStatus.PENDING);
    }

    @Operation(
            operationId = "createRequest",
            summary = "Ask for access (optionally waiting for the decision)",
            description = "Plain, the request is created and answered at once, usually PENDING. With"
                    + " `Prefer: wait=N` (N at most 60) the answer is held until the request is decided or N"
                    + " seconds pass, so an enforcement point can ask and wait in one call. A retry with the same"
                    + " `Idempotency-Key` and body answers 201 with the request it created first.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = CreateBody.class),
                                            examples = {
                                                @ExampleObject(
                                                        name = "for myself",
                                                        summary = "A user asks for themself",
                                                        value = RequestExamples.CREATE),
                                                @ExampleObject(
                                                        name = "on behalf",
                                                        summary = "An enforcement point asks for a user",
                                                        value = RequestExamples.CREATE_ON_BEHALF)
                                            })))
    @ApiResponse(
            responseCode = "201",
            description = "Created (or, with the same Idempotency-Key, created earlier); `Location` names it",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = RequestResponse.class),
                            examples = {
                                @ExampleObject(
                                        name = "plain",
                                        summary = "Without Prefer: created and waiting for its approvers",
                                        value = RequestExamples.PENDING),
                                @ExampleObject(
                                        name = "Prefer: wait",
                                        summary = "With Prefer: wait=30, decided while the call waited",
                                        value = RequestExamples.APPROVED)
                            }))
    @PostMapping
    ResponseEntity<RequestResponse> create(
            Actor actor,
            @RequestBody CreateBody body,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest request) {
        if (IdempotentDecisionFilter.repeated(request)) {
            throw new InvalidInputException(List.of(IdempotentDecisionFilter.REPEATED));
        }
        if (idempotencyKey != null && idempotencyKey.isBlank()) {
            // a header given empty is a client's mistake; taken as absent, its retry would ask twice
            throw new InvalidInputException(List.of(IdempotentDecisionFilter.UNUSABLE));
        }
        scopes.checkOnBehalf(actor, body.requester(), body.resource());
        CreatedRequest created = requests.create(
                actor,
                new RequestInput(
                        body.resource(),
                        body.account(),
                        body.duration(),
                        body.justification(),
                        body.ticket(),
                        body.startsAt(),
                        body.requester(),
                        body.breakGlass()),
                idempotencyKey);
        RequestResponse answer = withGrant(created.request());
        // a retry gets the status of the first answer, 201, so clients need no second success path;
        // the header tells the two apart for those who care
        ResponseEntity.BodyBuilder builder = ResponseEntity.created(URI.create("/api/v1/requests/" + answer.id()));
        if (created.replayed()) {
            builder.header(IdempotentDecisionFilter.REPLAYED, "true");
        }
        return builder.body(answer);
    }

    @Operation(operationId = "getRequest", summary = "Read a request (optionally long-polling for its decision)")
    @GetMapping("/{id}")
    @ReadOfObject
    RequestResponse get(Actor actor, @PathVariable String id) {
        // a reviewer of a break-glass use reads it without being otherwise involved
        return withGrant(reviews.get(actor, id));
    }

    /** {@code ?wait=N} long-polls up to N seconds (at most 60) until the request is no longer PENDING. */
    @Operation(operationId = "getRequest", summary = "Read a request (optionally long-polling for its decision)")
    @GetMapping(value = "/{id}", params = "wait")
    @ReadOfObject
    DeferredResult<RequestResponse> getAndWait(Actor actor, @PathVariable String id, @RequestParam String wait) {
        // read as text: a number beyond any integer is capped as Prefer: wait's is, not refused
        int seconds = RequestWaiter.queriedWait(wait);
        RequestResponse first = get(actor, id);
        // what a caller may see depends on nothing but who it is
        return waiter.await(
                first.id(),
                actor,
                seconds,
                first,
                () -> get(actor, id),
                answer -> answer.status() != RequestStatus.PENDING);
    }

    @Operation(operationId = "listRequests", summary = "List requests, newest first")
    @GetMapping
    RequestResponse.Page list(
            Actor actor,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String requester,
            @RequestParam(required = false) String resource,
            @RequestParam(required = false) String awaiting,
            @Parameter(description = "only requests made at or after this instant") @RequestParam(required = false)
                    Instant from,
            @Parameter(description = "only requests made before this instant") @RequestParam(required = false)
                    Instant to,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        RequestPage page =
                requests.list(actor, new RequestQuery(status, requester, resource, awaiting, from, to, cursor, limit));
        return page(page);
    }

    @Operation(
            operationId = "reviewBreakGlass",
            summary = "Acknowledge a break-glass use as one of its reviewers (late after its deadline)")
    @PostMapping("/{id}/review")
    @ActionOnObject
    RequestResponse review(Actor actor, @PathVariable String id, @RequestBody(required = false) CommentBody body) {
        reviews.review(actor, id, comment(body));
        return withGrant(reviews.get(actor, id));
    }

    private RequestResponse.Page page(RequestPage page) {
        List<String> ids = page.items().stream().map(AccessRequest::id).toList();
        return RequestResponse.Page.of(page, grants.forRequests(ids), reviews.forRequests(ids));
    }

    @Operation(operationId = "approveRequest", summary = "Approve the current step of a request")
    @PostMapping("/{id}/approve")
    @ActionOnObject
    RequestResponse approve(Actor actor, @PathVariable String id, @RequestBody(required = false) ApproveBody body) {
        // the decision and its answer in one transaction: a grant it issues is answered from the
        // transaction's own writes instead of read back after the commit. An approval refused because
        // a deadline passed commits what the deadline did, as Requests.approve does on its own, and
        // is refused after the commit.
        Approval approval = transactions.execute(tx -> {
            try {
                return new Approval(
                        withGrant(requests.approve(
                                actor,
                                id,
                                body == null ? null : body.comment(),
                                body == null ? null : body.duration(),
                                body == null ? null : body.step())),
                        null);
            } catch (DeadlinePassed passed) {
                return new Approval(null, passed);
            }
        });
        if (approval.refused() != null) {
            throw approval.refused();
        }
        return approval.answer();
    }

    @Operation(operationId = "rejectRequest", summary = "Reject a request")
    @PostMapping("/{id}/reject")
    @ActionOnObject
    RequestResponse reject(Actor actor, @PathVariable String id, @RequestBody(required = false) RejectBody body) {
        return withGrant(
                requests.reject(actor, id, body == null ? null : body.comment(), body == null ? null : body.step()));
    }

    @Operation(operationId = "cancelRequest", summary = "Cancel your own pending request")
    @PostMapping("/{id}/cancel")
    @ActionOnObject
    RequestResponse cancel(Actor actor, @PathVariable String id, @RequestBody(required = false) CommentBody body) {
        return withGrant(requests.cancel(actor, id, comment(body)));
    }

    private RequestResponse withGrant(AccessRequest request) {
        // only an approved request has a grant: a pending answer (most creations and every decision
        // but the last) skips the read and its transaction
        Map<String, Grant> granted =
                request.status() == RequestStatus.APPROVED ? grants.forRequests(List.of(request.id())) : Map.of();
        // only a break-glass use has a review: other answers skip the read and its transaction
        BreakGlassReview review =
                request.details().breakGlass() ? reviews.of(request.id()).orElse(null) : null;
        return RequestResponse.of(request, granted.get(request.id()), review);
    }

    private record Approval(RequestResponse answer, DeadlinePassed refused) {}

    private static String comment(CommentBody body) {
        return body == null ? null : body.comment();
    }
}
