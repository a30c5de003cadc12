package io.countersign.audit;

import io.countersign.shared.Cursors;
import java.util.OptionalLong;

/**
 * The position after which the next page starts, sealed for its list ({@link Cursors}): the audit
 * log and the checkpoint list each read only their own. Clients treat it as opaque so that its
 * contents may change; today it is the id of the last item of the previous page.
 */
final class AuditCursor {

    static final String EVENTS = "audit";
    static final String CHECKPOINTS = "checkpoints";

    private AuditCursor() {}

    static String after(String list, long lastIdOfPage) {
        return Cursors.seal(list, Long.toString(lastIdOfPage));
    }

    /** The id the next page must stay below, or empty when {@code list} did not hand out the cursor. */
    static OptionalLong decode(String list, String cursor) {
        String digits = Cursors.open(list, cursor).orElse("");
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(digits);
        return id >= 1 ? OptionalLong.of(id) : OptionalLong.empty();
    }
}
