package io.countersign.security;

import java.util.List;

/**
 * The resources an enforcement point may ask about: those whose name matches one of {@code
 * resources} (policy globs) or that belong to one of {@code resourceGroups}. An ENFORCER without a
 * scope may ask about every resource.
 */
public record EnforcerScope(List<String> resources, List<String> resourceGroups) {

    public EnforcerScope {
        resources = resources == null ? List.of() : List.copyOf(resources);
        resourceGroups = resourceGroups == null ? List.of() : List.copyOf(resourceGroups);
    }
}
