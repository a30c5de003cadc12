package io.countersign.bundle;

import io.countersign.directory.Upserted;
import io.countersign.policy.Policies;
import io.countersign.policy.PolicyDefinition;
import io.countersign.shared.Actor;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The policies of a bundle, handed to the policy module's own upsert once users, groups, levels and
 * resources are written in the same transaction: the policy module checks its references against the
 * directory and inventory as they are, so that order lets policies name entries of the same bundle.
 */
@Component
class PolicySection {

    static final String PATH = "policies";

    private final Policies policies;

    PolicySection(Policies policies) {
        this.policies = policies;
    }

    /**
     * Creates or replaces the policies; an invalid one throws with every issue under
     * {@code policies[i]}, which rolls the whole import back.
     */
    Upserted apply(Actor actor, List<PolicyDefinition> definitions) {
        if (definitions == null || definitions.isEmpty()) {
            return Upserted.NONE;
        }
        var result = policies.upsertAll(actor, definitions, PATH);
        return new Upserted(
                result.created().size(),
                result.replaced().size(),
                result.unchanged().size());
    }
}
