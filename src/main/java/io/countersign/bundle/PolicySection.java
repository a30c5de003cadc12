package io.countersign.bundle;

import io.countersign.directory.Upserted;
import io.countersign.shared.Actor;
import io.countersign.shared.Problems;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The policies of a bundle, handed to the policy module once users, groups and resources are written. */
@Component
class PolicySection {

    /** Checks what can be checked before anything is written. */
    void check(List<JsonNode> policies, Problems problems) {
        if (policies != null && !policies.isEmpty()) {
            problems.add("policies", "not_supported", "importing policies is not available in this version");
        }
    }

    Upserted apply(Actor actor, List<JsonNode> policies) {
        return Upserted.NONE;
    }
}
