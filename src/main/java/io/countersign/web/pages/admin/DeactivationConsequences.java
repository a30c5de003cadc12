package io.countersign.web.pages.admin;

import io.countersign.directory.Directory;
import io.countersign.grant.HeldGrants;
import io.countersign.request.DepartureOutlook;
import io.countersign.shared.Counted;
import io.countersign.shared.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * What deactivating a user will do, in words, with the numbers read when the confirmation page is
 * shown: the administrator sees how many requests of other people their leaving ends before pressing
 * the button, not after.
 */
@Component
class DeactivationConsequences {

    private final Directory directory;
    private final HeldGrants grants;
    private final DepartureOutlook requests;

    DeactivationConsequences(Directory directory, HeldGrants grants, DepartureOutlook requests) {
        this.directory = directory;
        this.grants = grants;
        this.requests = requests;
    }

    String of(String username) {
        String id = directory.idOf(username).orElseThrow(() -> new NotFoundException("user", username));
        DepartureOutlook.Outlook outlook = requests.of(id, username);
        int held = grants.unendedOf(id);
        return "They can no longer sign in or use their tokens. "
                + Counted.of(held, "grant they hold is", "grants they hold are") + " revoked, and "
                + Counted.of(outlook.own(), "pending request of their own ends", "pending requests of their own end")
                + ". They are an approver of "
                + Counted.of(outlook.approving(), "pending request", "pending requests")
                + " of other people and are taken out of their steps; an approval they gave to a step still"
                + " open stops counting. A step that can then no longer get its approvals is escalated once if"
                + " its policy escalates, otherwise rejected by the system. As things stand, of these the system"
                + " rejects " + outlook.rejected() + " and escalates " + outlook.escalated()
                + " at once; a later step is judged the same way when it opens.";
    }
}
