package io.countersign.bundle;

import io.countersign.directory.GroupInput;
import io.countersign.directory.UserInput;
import io.countersign.inventory.ResourceInput;
import io.countersign.policy.PolicyDefinition;
import java.util.List;

/**
 * Everything an import may carry; every section is optional. Each entry has the shape of its own
 * endpoint's body, so a bundle is what an administrator would otherwise send call by call.
 */
public record Bundle(
        List<String> levels,
        List<UserInput> users,
        List<GroupInput> groups,
        List<ResourceInput> resources,
        List<PolicyDefinition> policies) {}
