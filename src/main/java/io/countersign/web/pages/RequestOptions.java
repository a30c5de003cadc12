package io.countersign.web.pages;

import io.countersign.inventory.Resource;
import io.countersign.inventory.Resources;
import io.countersign.policy.ApprovalPlanner;
import io.countersign.shared.CountersignException;
import io.countersign.shared.NamePage;
import io.countersign.shared.NameQuery;
import io.countersign.shared.Names;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The resources and accounts a person may ask for, for the request form's suggestions: those whose
 * name starts with what they typed and that an enabled policy governs for them. A resource no policy
 * lets them ask for is never suggested; the list is a convenience, the request is checked again.
 */
@Component
class RequestOptions {

    record Option(String resource, String account) {}

    static final int MAX_OPTIONS = 20;
    /** How many resources one keystroke may look at, so that typing stays cheap on a large inventory. */
    static final int MAX_SCANNED = 100;

    private final Resources resources;
    private final ApprovalPlanner planner;

    RequestOptions(Resources resources, ApprovalPlanner planner) {
        this.resources = resources;
        this.planner = planner;
    }

    List<Option> startingWith(String username, String typed) {
        String prefix = typed == null ? null : Names.canonical(typed);
        List<Option> found = new ArrayList<>();
        String cursor = null;
        int scanned = 0;
        try {
            do {
                NamePage<Resource> page = resources.page(NameQuery.of("resources", prefix, cursor, 50));
                for (Resource resource : page.items()) {
                    scanned++;
                    resource.accounts().stream().sorted().forEach(account -> {
                        if (found.size() < MAX_OPTIONS && mayAsk(username, resource.name(), account)) {
                            found.add(new Option(resource.name(), account));
                        }
                    });
                }
                cursor = page.nextCursor();
            } while (cursor != null && found.size() < MAX_OPTIONS && scanned < MAX_SCANNED);
        } catch (CountersignException typedSomethingUnusable) {
            return List.of();
        }
        return found;
    }

    private boolean mayAsk(String username, String resource, String account) {
        try {
            return planner.plan(username, resource, account) != null;
        } catch (CountersignException refusedOrUnknown) {
            return false;
        }
    }
}
