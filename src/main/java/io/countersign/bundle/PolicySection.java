package io.countersign.bundle;

import io.countersign.directory.DirectoryNames;
import io.countersign.directory.Upserted;
import io.countersign.policy.Policies;
import io.countersign.policy.PolicyDefinition;
import io.countersign.shared.Actor;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The policies of a bundle: checked with the other sections against the directory as the import will
 * leave it, then handed to the policy module's own upsert once users, groups, levels and resources are
 * written in the same transaction, which checks them again against the directory as it then is.
 */
@Component
class PolicySection {

    static final String PATH = "policies";

    private final Policies policies;

    PolicySection(Policies policies) {
        this.policies = policies;
    }

    /**
     * The policies the section replaces, named as they are when they use a level ({@code
     * policy:prod-access}): a level the import removes may still be named by their stored form, since
     * {@link #check} holds the section itself to the levels the import leaves.
     */
    Set<String> replaced(List<PolicyDefinition> definitions) {
        if (definitions == null) {
            return Set.of();
        }
        return definitions.stream()
                .filter(definition -> definition != null && Names.isValid(Names.canonical(definition.name())))
                .map(definition -> PolicyDefinition.reference(definition.name()))
                .collect(Collectors.toSet());
    }

    /** Records every issue of the policies under {@code policies[i]}; reads only. */
    void check(List<PolicyDefinition> definitions, DirectoryNames directory, Problems problems) {
        if (definitions != null && !definitions.isEmpty()) {
            problems.addAll(policies.check(definitions, PATH, directory));
        }
    }

    /** Creates or replaces the policies; an invalid one throws, which rolls the whole import back. */
    Upserted apply(Actor actor, List<PolicyDefinition> definitions) {
        if (definitions == null || definitions.isEmpty()) {
            return Upserted.NONE;
        }
        var result = policies.upsertAll(actor, definitions, PATH);
        return new Upserted(
                result.created(), result.replaced(), result.unchanged().size());
    }
}
