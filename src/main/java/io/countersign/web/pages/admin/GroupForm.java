package io.countersign.web.pages.admin;

import io.countersign.directory.Group;
import io.countersign.directory.GroupInput;
import io.countersign.web.pages.FormText;

/** What the group form sends: members and managers as usernames separated by commas or spaces. */
public record GroupForm(String name, String members, String managers) {

    static GroupForm blank() {
        return new GroupForm(null, null, null);
    }

    static GroupForm of(Group group) {
        return new GroupForm(group.name(), FormText.names(group.members()), FormText.names(group.managers()));
    }

    GroupInput toInput() {
        return new GroupInput(name, FormText.names(members), FormText.names(managers));
    }

    GroupForm named(String fixed) {
        return new GroupForm(fixed, members, managers);
    }
}
