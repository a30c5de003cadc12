package io.countersign.web.api;

import io.countersign.directory.Group;
import io.countersign.directory.GroupInput;
import io.countersign.directory.Groups;
import io.countersign.shared.Actor;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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

    private final Groups groups;

    GroupController(Groups groups) {
        this.groups = groups;
    }

    @PostMapping
    ResponseEntity<GroupResponse> create(Actor actor, @RequestBody GroupRequest body) {
        Group group = groups.create(actor, body.toInput());
        return ResponseEntity.created(URI.create("/api/v1/groups/" + group.name()))
                .body(GroupResponse.of(group));
    }

    @GetMapping
    List<GroupResponse> list() {
        return groups.list().stream().map(GroupResponse::of).toList();
    }

    @GetMapping("/{name}")
    GroupResponse get(@PathVariable String name) {
        return GroupResponse.of(groups.get(name));
    }

    @PutMapping("/{name}")
    GroupResponse replace(Actor actor, @PathVariable String name, @RequestBody GroupRequest body) {
        return GroupResponse.of(groups.replace(actor, name, body.toInput()));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable String name) {
        groups.delete(actor, name);
    }
}
