package io.countersign.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may approve a step, written with exactly one key: {@code {"user": u}}, {@code {"group": g}},
 * {@code {"minLevel": level}}, {@code {"requesterManager": true}}, {@code {"requesterGroupManagers":
 * true}}, {@code {"resourceGroupManagers": true}} or {@code {"resourceOwners": true}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApproverSelector(
        String user,
        String group,
        String minLevel,
        Boolean requesterManager,
        Boolean requesterGroupManagers,
        Boolean resourceGroupManagers,
        Boolean resourceOwners) {

    public static final ApproverSelector REQUESTER_MANAGER =
            new ApproverSelector(null, null, null, true, null, null, null);
    public static final ApproverSelector REQUESTER_GROUP_MANAGERS =
            new ApproverSelector(null, null, null, null, true, null, null);
    public static final ApproverSelector RESOURCE_GROUP_MANAGERS =
            new ApproverSelector(null, null, null, null, null, true, null);
    public static final ApproverSelector RESOURCE_OWNERS =
            new ApproverSelector(null, null, null, null, null, null, true);

    public static ApproverSelector ofUser(String username) {
        return new ApproverSelector(username, null, null, null, null, null, null);
    }

    public static ApproverSelector ofGroup(String group) {
        return new ApproverSelector(null, group, null, null, null, null, null);
    }

    public static ApproverSelector atOrAbove(String level) {
        return new ApproverSelector(null, null, level, null, null, null, null);
    }

    /** The keys this selector sets; a valid selector sets exactly one. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        addIf(keys, user != null, "user");
        addIf(keys, group != null, "group");
        addIf(keys, minLevel != null, "minLevel");
        addIf(keys, requesterManager != null, "requesterManager");
        addIf(keys, requesterGroupManagers != null, "requesterGroupManagers");
        addIf(keys, resourceGroupManagers != null, "resourceGroupManagers");
        addIf(keys, resourceOwners != null, "resourceOwners");
        return keys;
    }

    /** A short description for explanations: {@code group 'security'}, {@code the requester's manager}. */
    public String describe() {
        if (user != null) {
            return "user '" + user + "'";
        }
        if (group != null) {
            return "members of group '" + group + "'";
        }
        if (minLevel != null) {
            return "users at level '" + minLevel + "' or above";
        }
        if (Boolean.TRUE.equals(requesterManager)) {
            return "the requester's manager";
        }
        if (Boolean.TRUE.equals(requesterGroupManagers)) {
            return "managers of the requester's groups";
        }
        if (Boolean.TRUE.equals(resourceGroupManagers)) {
            return "managers of the resource's groups";
        }
        if (Boolean.TRUE.equals(resourceOwners)) {
            return "the resource's owners";
        }
        return "nobody";
    }

    private static void addIf(List<String> keys, boolean present, String key) {
        if (present) {
            keys.add(key);
        }
    }
}
