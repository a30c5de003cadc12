package io.countersign.web.api;

import io.countersign.policy.Policies;
import io.countersign.policy.PolicyDefinition;
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

/** Policies: who must approve which requests. Answers carry the policy with every default filled in. */
@RestController
@RequestMapping("/api/v1/policies")
class PolicyController {

    record ExplainRequest(String requester, String resource, String account) {}

    private final Policies policies;

    PolicyController(Policies policies) {
        this.policies = policies;
    }

    @PostMapping
    ResponseEntity<PolicyDefinition> create(Actor actor, @RequestBody PolicyDefinition body) {
        PolicyDefinition created = policies.create(actor, body);
        return ResponseEntity.created(URI.create("/api/v1/policies/" + created.name()))
                .body(created);
    }

    /** Every policy, the one that would govern a request matched by several first. */
    @GetMapping
    List<PolicyDefinition> list() {
        return policies.list();
    }

    @GetMapping("/{name}")
    PolicyDefinition get(@PathVariable String name) {
        return policies.get(name);
    }

    @PutMapping("/{name}")
    PolicyDefinition replace(Actor actor, @PathVariable String name, @RequestBody PolicyDefinition body) {
        return policies.replace(actor, name, body);
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable String name) {
        policies.delete(actor, name);
    }

    /** A dry run: which policy would govern the request and who would approve it; commits nothing. */
    @PostMapping("/explain")
    PolicyExplainResponse explain(Actor actor, @RequestBody ExplainRequest body) {
        return PolicyExplainResponse.of(policies.explain(actor, body.requester(), body.resource(), body.account()));
    }
}
