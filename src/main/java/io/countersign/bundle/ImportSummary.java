package io.countersign.bundle;

import io.countersign.directory.Upserted;
import io.countersign.shared.Summaries;
import java.util.ArrayList;
import java.util.List;

/**
 * What an import did: the number of levels it set, what happened to each kind of entry, and the users
 * it deactivated.
 */
public record ImportSummary(
        int levels,
        Upserted users,
        Upserted groups,
        Upserted resources,
        Upserted policies,
        List<String> usersDeactivated) {

    /**
     * The account for the audit log: the counts, then the entries created, changed and deactivated by
     * name, a few of each kind and how many more, so that a user an import made an administrator is
     * found by name.
     */
    String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("levels " + levels);
        parts.add("users " + counts(users));
        parts.add("groups " + counts(groups));
        parts.add("resources " + counts(resources));
        parts.add("policies " + counts(policies));
        named(parts, "users", users);
        named(parts, "groups", groups);
        named(parts, "resources", resources);
        named(parts, "policies", policies);
        listed(parts, "users deactivated", usersDeactivated);
        return String.join("; ", parts);
    }

    private static String counts(Upserted upserted) {
        return upserted.created() + " created, " + upserted.updated() + " updated, " + upserted.unchanged()
                + " unchanged";
    }

    private static void named(List<String> parts, String kind, Upserted upserted) {
        listed(parts, kind + " created", upserted.createdEntries());
        listed(parts, kind + " updated", upserted.updatedEntries());
    }

    private static void listed(List<String> parts, String label, List<String> entries) {
        if (!entries.isEmpty()) {
            parts.add(label + ": " + Summaries.names(entries));
        }
    }
}
