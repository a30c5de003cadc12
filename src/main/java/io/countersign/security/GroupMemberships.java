package io.countersign.security;

import io.countersign.directory.Directory;
import io.countersign.directory.Group;
import io.countersign.directory.GroupInput;
import io.countersign.directory.Groups;
import io.countersign.shared.Actor;
import io.countersign.shared.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a person a member of exactly those existing groups the provider lists for them. Groups the
 * provider names that Countersign does not have are ignored rather than created: a group carries
 * approval duties and policy conditions, which only an administrator should set up. Managerships are
 * the administrator's and stay as they are.
 */
@Component
class GroupMemberships {

    private final Directory directory;
    private final Groups groups;

    GroupMemberships(Directory directory, Groups groups) {
        this.directory = directory;
        this.groups = groups;
    }

    @Transactional
    public void set(String username, Collection<String> claimed, Actor actor) {
        Set<String> wanted = claimed.stream()
                .map(Names::canonical)
                .filter(Names::isValid)
                .filter(directory::groupExists)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> current = directory.groupsOf(username);
        Set<String> changed = new TreeSet<>(wanted);
        changed.addAll(current);
        changed.removeIf(name -> wanted.contains(name) == current.contains(name));
        for (String name : changed) {
            // locked and read again, so that a concurrent change to the group is not overwritten
            groups.revision(name, true);
            Group group = groups.get(name);
            List<String> members = new ArrayList<>(group.members());
            members.remove(username);
            if (wanted.contains(name)) {
                members.add(username);
            }
            groups.replace(actor, name, new GroupInput(name, members, group.managers()));
        }
    }
}
