package io.countersign.inventory;

import java.util.Collections;
import java.util.TreeMap;
import java.util.TreeSet;

/** A resource being assembled from the rows of its tables. */
final class ResourceParts {

    final String name;
    String type;
    private final TreeSet<String> groups = new TreeSet<>();
    private final TreeMap<String, String> labels = new TreeMap<>();
    private final TreeSet<String> owners = new TreeSet<>();
    private final TreeSet<String> accounts = new TreeSet<>();

    ResourceParts(String name) {
        this.name = name;
    }

    void add(String kind, String item, String value) {
        switch (kind) {
            case "type" -> type = item;
            case "group" -> groups.add(item);
            case "label" -> labels.put(item, value);
            case "owner" -> owners.add(item);
            case "account" -> accounts.add(item);
            default -> throw new IllegalArgumentException("unknown part " + kind);
        }
    }

    Resource toResource() {
        return new Resource(
                name,
                type,
                Collections.unmodifiableSortedSet(groups),
                Collections.unmodifiableSortedMap(labels),
                Collections.unmodifiableSortedSet(owners),
                Collections.unmodifiableSortedSet(accounts));
    }
}
