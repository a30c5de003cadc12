package io.countersign.web.api;

import io.countersign.policy.Policies;
import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyExplanation;
import io.countersign.request.Delegations;
import io.countersign.security.EnforcerScopes;
import io.countersign.shared.Actor;
import io.countersign.shared.NamePage;
import io.countersign.shared.NameQuery;
import io.countersign.shared.Names;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Policies: who must approve which requests. Answers carry the policy with every default filled in. */
@Tag(name = "Policies", description = "Who must approve which requests, in which order.")
@RestController
@RequestMapping("/api/v1/policies")
class PolicyController {

    /** With {@code extension: true}, explains how an extension of a grant there would be decided. */
    record ExplainRequest(String requester, String resource, String account, Boolean extension) {}

    record PolicyPage(List<PolicyDefinition> items, String nextCursor) {}

    private final Policies policies;
    private final Revised revised;
    private final Delegations delegations;
    private final EnforcerScopes scopes;
    private final UnreadBodyValues unread;

    PolicyController(
            Policies policies,
            Revised revised,
            Delegations delegations,
            EnforcerScopes scopes,
            UnreadBodyValues unread) {
        this.unread = unread;
        this.policies = policies;
        this.revised = revised;
        this.delegations = delegations;
        this.scopes = scopes;
    }

    @ReportsUnreadValues
    @Operation(operationId = "createPolicy", summary = "Create a policy")
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the new object and `ETag` its version")
    @PostMapping
    ResponseEntity<PolicyDefinition> create(Actor actor, @RequestBody PolicyDefinition body) {
        return revised.create(
                policies::revision,
                "/api/v1/policies/",
                PolicyDefinition::name,
                () -> unread.refuseOr(() -> policies.create(actor, body)));
    }

    /**
     * Without {@code limit} or {@code cursor}: every policy as a plain array, the one that would govern
     * a request matched by several first. With either: a page by name.
     */
    @Operation(operationId = "listPolicies", summary = "List policies")
    @ApiResponse(
            responseCode = "200",
            description =
                    "Without `limit` or `cursor`: every policy, in order of precedence, as a plain array. With either: one page `{items, nextCursor}`; `nextCursor` is null on the last page.",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(oneOf = {PolicyPage.class, PolicyDefinition[].class})))
    @GetMapping
    Object list(
            @RequestParam(required = false) String prefix,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        if (!Listing.paged(cursor, limit)) {
            return Listing.withPrefix(policies.list(), Names.canonical(prefix), PolicyDefinition::name);
        }
        NamePage<PolicyDefinition> page =
                policies.page(NameQuery.of("policies", Names.canonical(prefix), cursor, limit));
        return new PolicyPage(page.items(), page.nextCursor());
    }

    @Operation(operationId = "getPolicy", summary = "Read a policy with every default filled in")
    @GetMapping("/{name}")
    ResponseEntity<PolicyDefinition> get(@PathVariable String name) {
        return revised.get(policies::revision, name, () -> policies.get(name));
    }

    @ReportsUnreadValues
    @Operation(operationId = "replacePolicy", summary = "Replace a policy")
    @PutMapping("/{name}")
    ResponseEntity<PolicyDefinition> replace(
            Actor actor,
            @PathVariable String name,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody PolicyDefinition body) {
        return revised.replace(
                policies::revision, name, ifMatch, () -> unread.refuseOr(() -> policies.replace(actor, name, body)));
    }

    @Operation(operationId = "deletePolicy", summary = "Delete a policy")
    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            Actor actor,
            @PathVariable String name,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        revised.delete(policies::revision, name, ifMatch, () -> policies.delete(actor, name));
    }

    /** A dry run: which policy would govern the request and who would approve it; commits nothing. */
    @Operation(
            operationId = "explainPolicy",
            summary = "Explain which policy would govern a request and who would approve it")
    @PostMapping("/explain")
    PolicyExplainResponse explain(Actor actor, @RequestBody ExplainRequest body) {
        // an explanation names the policy and the approvers: no more of them than the scope lets it ask about
        scopes.checkOnBehalf(actor, body.requester(), body.resource());
        PolicyExplanation explanation = policies.explain(
                actor, body.requester(), body.resource(), body.account(), Boolean.TRUE.equals(body.extension()));
        if (!explanation.matched()) {
            return PolicyExplainResponse.of(explanation, List.of());
        }
        List<String> approvers = explanation.plan().steps().stream()
                .flatMap(step -> step.eligibleApprovers().stream())
                .distinct()
                .toList();
        return PolicyExplainResponse.of(explanation, delegations.inForceFor(approvers, explanation.resource()));
    }
}
