package io.countersign.bundle;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads the summary an import or a dry run answers with. */
final class ImportCounts {

    private ImportCounts() {}

    /** How many of a section's entries were created, updated and left unchanged, in that order. */
    static List<Integer> counts(JsonNode summary, String section) {
        JsonNode counts = summary.get(section);
        return List.of(
                counts.get("created").asInt(),
                counts.get("updated").asInt(),
                counts.get("unchanged").asInt());
    }
}
