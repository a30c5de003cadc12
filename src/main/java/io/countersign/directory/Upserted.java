package io.countersign.directory;

import java.util.List;

/**
 * What an import did to the entries of one kind: those it created and those it replaced with new
 * content, each as the audit log names it ({@code alice (ADMIN)}, {@code prod-db (owners (added bob))}),
 * and how many it found already as given.
 */
public record Upserted(List<String> createdEntries, List<String> updatedEntries, int unchanged) {

    public static final Upserted NONE = new Upserted(List.of(), List.of(), 0);

    public Upserted {
        createdEntries = List.copyOf(createdEntries);
        updatedEntries = List.copyOf(updatedEntries);
    }

    public int created() {
        return createdEntries.size();
    }

    public int updated() {
        return updatedEntries.size();
    }
}
