package io.countersign.web.pages.policies;

import io.countersign.policy.ApproverSelector;
import io.countersign.web.pages.FormText;
import java.util.ArrayList;
import java.util.List;

/**
 * Who approves, as the editor shows it: named users, groups and minimum levels, and the four relative
 * selectors as switches. Turned into the API's one-key selectors in a fixed order. A list may name
 * several minimum levels (the API takes it), so they are a list too: one field holding a single level
 * would drop the others when a policy is saved unchanged.
 */
public class SelectorFields {

    public String users = "";
    public String groups = "";
    /** Level names, separated by commas or spaces. */
    public String minLevel = "";

    public boolean requesterManager;
    public boolean requesterGroupManagers;
    public boolean resourceGroupManagers;
    public boolean resourceOwners;

    List<ApproverSelector> toSelectors() {
        List<ApproverSelector> selectors = new ArrayList<>();
        FormText.names(users).forEach(user -> selectors.add(ApproverSelector.ofUser(user)));
        FormText.names(groups).forEach(group -> selectors.add(ApproverSelector.ofGroup(group)));
        FormText.names(minLevel).forEach(level -> selectors.add(ApproverSelector.atOrAbove(level)));
        addIf(selectors, requesterManager, ApproverSelector.REQUESTER_MANAGER);
        addIf(selectors, requesterGroupManagers, ApproverSelector.REQUESTER_GROUP_MANAGERS);
        addIf(selectors, resourceGroupManagers, ApproverSelector.RESOURCE_GROUP_MANAGERS);
        addIf(selectors, resourceOwners, ApproverSelector.RESOURCE_OWNERS);
        return selectors;
    }

    /**
     * The drafted selectors, in the stored order when they are the stored ones: the editor writes them
     * in its fixed order, and a policy saved unchanged must not change, nor be audited as changed.
     */
    static List<ApproverSelector> inStoredOrder(List<ApproverSelector> drafted, List<ApproverSelector> stored) {
        if (stored == null || stored.size() != drafted.size()) {
            return drafted;
        }
        List<ApproverSelector> unmatched = new ArrayList<>(stored);
        for (ApproverSelector selector : drafted) {
            if (!unmatched.remove(selector)) {
                return drafted;
            }
        }
        return stored;
    }

    /** The selectors in words, for telling a stored step from a draft's. */
    String summary() {
        List<String> parts = new ArrayList<>();
        addIf(parts, !FormText.blank(users), "users " + users.trim());
        addIf(parts, !FormText.blank(groups), "groups " + groups.trim());
        addIf(parts, !FormText.blank(minLevel), "level " + minLevel.trim() + " or above");
        addIf(parts, requesterManager, "the requester's manager");
        addIf(parts, requesterGroupManagers, "managers of the requester's groups");
        addIf(parts, resourceGroupManagers, "managers of the resource's groups");
        addIf(parts, resourceOwners, "the resource's owners");
        return parts.isEmpty() ? "nobody" : String.join(", ", parts);
    }

    static SelectorFields of(List<ApproverSelector> selectors) {
        SelectorFields fields = new SelectorFields();
        List<String> userNames = new ArrayList<>();
        List<String> groupNames = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        for (ApproverSelector selector : selectors == null ? List.<ApproverSelector>of() : selectors) {
            if (selector.user() != null) {
                userNames.add(selector.user());
            } else if (selector.group() != null) {
                groupNames.add(selector.group());
            } else if (selector.minLevel() != null) {
                levels.add(selector.minLevel());
            }
            fields.requesterManager |= Boolean.TRUE.equals(selector.requesterManager());
            fields.requesterGroupManagers |= Boolean.TRUE.equals(selector.requesterGroupManagers());
            fields.resourceGroupManagers |= Boolean.TRUE.equals(selector.resourceGroupManagers());
            fields.resourceOwners |= Boolean.TRUE.equals(selector.resourceOwners());
        }
        fields.users = String.join(", ", userNames);
        fields.groups = String.join(", ", groupNames);
        fields.minLevel = String.join(", ", levels);
        return fields;
    }

    private static <T> void addIf(List<T> selectors, boolean on, T selector) {
        if (on) {
            selectors.add(selector);
        }
    }
}
