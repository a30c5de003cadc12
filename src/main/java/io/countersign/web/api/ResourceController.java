package io.countersign.web.api;

import io.countersign.inventory.Resource;
import io.countersign.inventory.ResourceInput;
import io.countersign.inventory.Resources;
import io.countersign.shared.Actor;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    private final Resources resources;

    ResourceController(Resources resources) {
        this.resources = resources;
    }

    @PostMapping
    ResponseEntity<ResourceResponse> create(Actor actor, @RequestBody ResourceRequest body) {
        Resource resource = resources.create(actor, body.toInput());
        return ResponseEntity.created(URI.create("/api/v1/resources/" + resource.name()))
                .body(ResourceResponse.of(resource));
    }

    @GetMapping
    List<ResourceResponse> list() {
        return resources.list().stream().map(ResourceResponse::of).toList();
    }

    @GetMapping("/{name}")
    ResourceResponse get(@PathVariable String name) {
        return ResourceResponse.of(resources.get(name));
    }

    @PutMapping("/{name}")
    ResourceResponse replace(Actor actor, @PathVariable String name, @RequestBody ResourceRequest body) {
        return ResourceResponse.of(resources.replace(actor, name, body.toInput()));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable String name) {
        resources.delete(actor, name);
    }
}
