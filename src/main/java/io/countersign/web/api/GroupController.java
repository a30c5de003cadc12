package io.countersign.web.api;

import io.countersign.directory.Group;
import io.countersign.directory.GroupInput;
import io.countersign.directory.Groups;
import io.countersign.shared.Actor;
import io.countersign.shared.NamePage;
import io.countersign.shared.NameQuery;
import io.countersign.shared.Names;
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

    GroupController(Groups groups, Revised revised) {
        this.groups = groups;
        this.revised = revised;
    }

    @PostMapping
    ResponseEntity<GroupResponse> create(Actor actor, @RequestBody GroupRequest body) {
        return revised.create(
                groups::revision,
                "/api/v1/groups/",
                GroupResponse::name,
                () -> GroupResponse.of(groups.create(actor, body.toInput())));
    }

    /** A page with {@code limit} or {@code cursor}; without either, every group as a plain array. */
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
        NamePage<Group> page = groups.page(NameQuery.of(Names.canonical(prefix), cursor, limit));
        return new GroupPage(page.items().stream().map(GroupResponse::of).toList(), page.nextCursor());
    }

    @GetMapping("/{name}")
    ResponseEntity<GroupResponse> get(@PathVariable String name) {
        return revised.get(groups::revision, name, () -> GroupResponse.of(groups.get(name)));
    }

    @PutMapping("/{name}")
    ResponseEntity<GroupResponse> replace(
            Actor actor,
            @PathVariable String name,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody GroupRequest body) {
        return revised.replace(
                groups::revision, name, ifMatch, () -> GroupResponse.of(groups.replace(actor, name, body.toInput())));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            Actor actor,
            @PathVariable String name,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        revised.delete(groups::revision, name, ifMatch, () -> groups.delete(actor, name));
    }
}
