package io.countersign.web.pages.policies;

import io.countersign.policy.ApproverSelector;
import io.countersign.web.pages.FormText;
import java.util.ArrayList;
import java.util.List;

/**
 * Who approves, as the editor shows it: named users and groups, a minimum level, and the four
 * relative selectors as switches. Turned into the API's one-key selectors in a fixed order.
 */
public class SelectorFields {

    public String users = "";
    public String groups = "";
    public String minLevel = "";
    public boolean requesterManager;
    public boolean requesterGroupManagers;
    public boolean resourceGroupManagers;
    public boolean resourceOwners;

    List<ApproverSelector> toSelectors() {
        List<ApproverSelector> selectors = new ArrayList<>();
        FormText.names(users).forEach(user -> selectors.add(ApproverSelector.ofUser(user)));
        FormText.names(groups).forEach(group -> selectors.add(ApproverSelector.ofGroup(group)));
        if (!FormText.blank(minLevel)) {
            selectors.add(ApproverSelector.atOrAbove(minLevel.trim()));
        }
        addIf(selectors, requesterManager, ApproverSelector.REQUESTER_MANAGER);
        addIf(selectors, requesterGroupManagers, ApproverSelector.REQUESTER_GROUP_MANAGERS);
        addIf(selectors, resourceGroupManagers, ApproverSelector.RESOURCE_GROUP_MANAGERS);
        addIf(selectors, resourceOwners, ApproverSelector.RESOURCE_OWNERS);
        return selectors;
    }

    static SelectorFields of(List<ApproverSelector> selectors) {
        SelectorFields fields = new SelectorFields();
        List<String> userNames = new ArrayList<>();
        List<String> groupNames = new ArrayList<>();
        for (ApproverSelector selector : selectors == null ? List.<ApproverSelector>of() : selectors) {
            if (selector.user() != null) {
                userNames.add(selector.user());
            } else if (selector.group() != null) {
                groupNames.add(selector.group());
            } else if (selector.minLevel() != null) {
                fields.minLevel = selector.minLevel();
            }
            fields.requesterManager |= Boolean.TRUE.equals(selector.requesterManager());
            fields.requesterGroupManagers |= Boolean.TRUE.equals(selector.requesterGroupManagers());
            fields.resourceGroupManagers |= Boolean.TRUE.equals(selector.resourceGroupManagers());
            fields.resourceOwners |= Boolean.TRUE.equals(selector.resourceOwners());
        }
        fields.users = String.join(", ", userNames);
        fields.groups = String.join(", ", groupNames);
        return fields;
    }

    private static void addIf(List<ApproverSelector> selectors, boolean on, ApproverSelector selector) {
        if (on) {
            selectors.add(selector);
        }
    }
}
