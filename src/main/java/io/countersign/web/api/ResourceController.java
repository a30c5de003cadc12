package io.countersign.web.api;

import io.countersign.inventory.Resource;
import io.countersign.inventory.ResourceInput;
import io.countersign.inventory.Resources;
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
import java.util.Map;
import java.util.TreeMap;
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

@Tag(name = "Resources", description = "What access is requested to, with its privileged accounts.")
@RestController
@RequestMapping("/api/v1/resources")
class ResourceController {

    record ResourceRequest(
            String name,
            String type,
            List<String> groups,
            Map<String, String> labels,
            List<String> owners,
            List<String> accounts) {

        ResourceInput toInput() {
            return new ResourceInput(name, type, groups, labels, owners, accounts);
        }
    }

    record ResourceResponse(
            String name,
            String type,
            List<String> groups,
            Map<String, String> labels,
            List<String> owners,
            List<String> accounts) {

        static ResourceResponse of(Resource resource) {
            return new ResourceResponse(
                    resource.name(),
                    resource.type(),
                    resource.groups().stream().sorted().toList(),
                    new TreeMap<>(resource.labels()),
                    resource.owners().stream().sorted().toList(),
                    resource.accounts().stream().sorted().toList());
        }
    }

    record ResourcePage(List<ResourceResponse> items, String nextCursor) {}

    private final Resources resources;
    private final Revised revised;
    private final UnreadBodyValues unread;

    ResourceController(Resources resources, Revised revised, UnreadBodyValues unread) {
        this.resources = resources;
        this.revised = revised;
        this.unread = unread;
    }

    @ReportsUnreadValues
    @Operation(operationId = "createResource", summary = "Create a resource")
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the new object and `ETag` its version")
    @PostMapping
    ResponseEntity<ResourceResponse> create(Actor actor, @RequestBody ResourceRequest body) {
        return revised.create(
                resources::revision,
                "/api/v1/resources/",
                ResourceResponse::name,
                () -> unread.refuseOr(() -> ResourceResponse.of(resources.create(actor, body.toInput()))));
    }

    /** A page with {@code limit} or {@code cursor}; without either, every resource as a plain array. */
    @Operation(operationId = "listResources", summary = "List resources, by name")
    @ApiResponse(
            responseCode = "200",
            description =
                    "Without `limit` or `cursor`: every resource as a plain array. With either: one page `{items, nextCursor}`; `nextCursor` is null on the last page.",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(oneOf = {ResourcePage.class, ResourceResponse[].class})))
    @GetMapping
    Object list(
            @RequestParam(required = false) String prefix,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        if (!Listing.paged(cursor, limit)) {
            return Listing.withPrefix(resources.list(), Names.canonical(prefix), Resource::name).stream()
                    .map(ResourceResponse::of)
                    .toList();
        }
        NamePage<Resource> page = resources.page(NameQuery.of("resources", Names.canonical(prefix), cursor, limit));
        return new ResourcePage(page.items().stream().map(ResourceResponse::of).toList(), page.nextCursor());
    }

    @Operation(operationId = "getResource", summary = "Read a resource")
    @GetMapping("/{name}")
    ResponseEntity<ResourceResponse> get(@PathVariable String name) {
        return revised.get(resources::revision, name, () -> ResourceResponse.of(resources.get(name)));
    }

    @ReportsUnreadValues
    @Operation(operationId = "replaceResource", summary = "Replace a resource")
    @PutMapping("/{name}")
    ResponseEntity<ResourceResponse> replace(
            Actor actor,
            @PathVariable String name,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody ResourceRequest body) {
        return revised.replace(
                resources::revision,
                name,
                ifMatch,
                () -> unread.refuseOr(() -> ResourceResponse.of(resources.replace(actor, name, body.toInput()))));
    }

    @Operation(operationId = "deleteResource", summary = "Delete a resource")
    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            Actor actor,
            @PathVariable String name,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        revised.delete(resources::revision, name, ifMatch, () -> resources.delete(actor, name));
    }
}
