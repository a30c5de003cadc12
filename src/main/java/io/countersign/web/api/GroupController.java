package io.countersign.web.api;

import io.countersign.directory.Group;
import io.countersign.directory.GroupInput;
import io.countersign.directory.Groups;
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

@Tag(name = "Groups", description = "Teams with members and managers.")
@RestController
@RequestMapping("/api/v1/groups")
class GroupController {

    record GroupRequest(String name, List<String> members, List<String> managers) {

        GroupInput toInput() {
            return new GroupInput(name, members, managers);
        }
    }

    record GroupResponse(String name, List<String> members, List<String> managers) {

        static GroupResponse of(Group group) {
            return new GroupResponse(group.name(), group.members(), group.managers());
        }
    }

    record GroupPage(List<GroupResponse> items, String nextCursor) {}

    private final Groups groups;
    private final Revised revised;
    private final UnreadBodyValues unread;

    GroupController(Groups groups, Revised revised, UnreadBodyValues unread) {
        this.groups = groups;
        this.revised = revised;
        this.unread = unread;
    }

    @ReportsUnreadValues
    @Operation(operationId = "createGroup", summary = "Create a group")
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the new object and `ETag` its version")
    @PostMapping
    ResponseEntity<GroupResponse> create(Actor actor, @RequestBody GroupRequest body) {
        return revised.create(
                groups::revision,
                "/api/v1/groups/",
                GroupResponse::name,
                () -> unread.refuseOr(() -> GroupResponse.of(groups.create(actor, body.toInput()))));
    }

    /** A page with {@code limit} or {@code cursor}; without either, every group as a plain array. */
    @Operation(operationId = "listGroups", summary = "List groups, by name")
    @ApiResponse(
            responseCode = "200",
            description =
                    "Without `limit` or `cursor`: every group as a plain array. With either: one page `{items, nextCursor}`; `nextCursor` is null on the last page.",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(oneOf = {GroupPage.class, GroupResponse[].class})))
    @GetMapping
    Object list(
            @RequestParam(required = false) String prefix,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        if (!Listing.paged(cursor, limit)) {
            return Listing.withPrefix(groups.list(), Names.canonical(prefix), Group::name).stream()
                    .map(GroupResponse::of)
                    .toList();
        }
        NamePage<Group> page = groups.page(NameQuery.of("groups", Names.canonical(prefix), cursor, limit));
        return new GroupPage(page.items().stream().map(GroupResponse::of).toList(), page.nextCursor());
    }

    @Operation(operationId = "getGroup", summary = "Read a group")
    @GetMapping("/{name}")
    ResponseEntity<GroupResponse> get(@PathVariable String name) {
        return revised.get(groups::revision, name, () -> GroupResponse.of(groups.get(name)));
    }

    @ReportsUnreadValues
    @Operation(operationId = "replaceGroup", summary = "Replace a group")
    @PutMapping("/{name}")
    ResponseEntity<GroupResponse> replace(
            Actor actor,
            @PathVariable String name,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody GroupRequest body) {
        return revised.replace(
                groups::revision,
                name,
                ifMatch,
                () -> unread.refuseOr(() -> GroupResponse.of(groups.replace(actor, name, body.toInput()))));
    }

    @Operation(operationId = "deleteGroup", summary = "Delete a group")
    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            Actor actor,
            @PathVariable String name,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        revised.delete(groups::revision, name, ifMatch, () -> groups.delete(actor, name));
    }
}
