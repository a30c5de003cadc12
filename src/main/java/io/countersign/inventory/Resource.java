package io.countersign.inventory;

import java.util.Map;
import java.util.Set;

/** A protected resource with its privileged accounts. All names are canonical (lower case). */
public record Resource(
        String name,
        String type,
        Set<String> groups,
        Map<String, String> labels,
        Set<String> owners,
        Set<String> accounts) {}
