package io.countersign.directory;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.Role;

/** How a change that would leave no active administrator is named, by a single user's write as by an import. */
final class LastAdministrator {

    private static final String CODE = "last_admin";

    private LastAdministrator() {}

    /**
     * The issue on the field at fault of the user at {@code prefix} (empty for a user's own body): an
     * administrator kept as ADMIN but deactivated is wrong in {@code active}, any other in {@code role}.
     */
    static FieldIssue issue(String prefix, User after) {
        boolean deactivated = after != null && after.role() == Role.ADMIN;
        return new FieldIssue(
                prefix + (deactivated ? "active" : "role"),
                CODE,
                "would leave no active administrator; keep at least one user an active ADMIN");
    }
}
