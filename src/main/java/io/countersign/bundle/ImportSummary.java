package io.countersign.bundle;

import io.countersign.directory.Upserted;

/** What an import did: the number of levels it set, and what happened to each kind of entry. */
public record ImportSummary(int levels, Upserted users, Upserted groups, Upserted resources, Upserted policies) {

    /** A one-line account for the audit log. */
    String describe() {
        return "levels " + levels + "; users " + counts(users) + "; groups " + counts(groups) + "; resources "
                + counts(resources) + "; policies " + counts(policies);
    }

    private static String counts(Upserted upserted) {
        return upserted.created() + " created, " + upserted.updated() + " updated, " + upserted.unchanged()
                + " unchanged";
    }
}
