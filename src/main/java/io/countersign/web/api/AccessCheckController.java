package io.countersign.web.api;

import io.countersign.grant.AccessDecision;
import io.countersign.grant.Grants;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The enforcement points' question, asked on every connection: answered from the grants table, never a cache. */
@RestController
class AccessCheckController {

    private final Grants grants;

    AccessCheckController(Grants grants) {
        this.grants = grants;
    }

    @GetMapping("/api/v1/access/check")
    AccessDecision check(
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String resource,
            @RequestParam(required = false) String account) {
        return grants.check(user, resource, account);
    }
}
