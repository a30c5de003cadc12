package io.countersign.inventory;

import java.util.List;
import java.util.Map;

/** What a caller supplies to create or replace a resource; missing lists and labels mean none. */
public record ResourceInput(
        String name,
        String type,
        List<String> groups,
        Map<String, String> labels,
        List<String> owners,
        List<String> accounts) {}
