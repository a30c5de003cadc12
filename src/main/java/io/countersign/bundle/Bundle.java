package io.countersign.bundle;

import io.countersign.directory.GroupInput;
import io.countersign.directory.UserInput;
import io.countersign.inventory.ResourceInput;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Everything an import may carry; every section is optional. Policies stay as documents here: the
 * policy module reads them, so the bundle format follows the policy API without repeating it.
 */
public record Bundle(
        List<String> levels,
        List<UserInput> users,
        List<GroupInput> groups,
        List<ResourceInput> resources,
        List<JsonNode> policies) {}
