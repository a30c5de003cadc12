package io.countersign.directory;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an import will change in the directory, checked but not yet written. Other modules validate
 * their part of the same import against it: its {@link DirectoryNames} answer for the directory as
 * it will be once the import is applied.
 */
public final class DirectoryPlan implements DirectoryNames {

    final List<String> levelsBefore;
    final List<String> levelsAfter;
    final Set<String> levelsRemoved;
    final boolean levelsGiven;
    final List<User> usersCreated;
    final List<User> usersUpdated;
    final Map<String, User> usersBefore;
    final int usersUnchanged;
    final List<String> usersDeactivated;
    final List<Group> groupsCreated;
    final List<Group> groupsUpdated;
    final int groupsUnchanged;
    private final Map<String, User> usersAfter;
    private final Set<String> groupsAfter;

    DirectoryPlan(
            List<String> levelsBefore,
            List<String> levelsAfter,
            Set<String> levelsRemoved,
            boolean levelsGiven,
            Changes<User> users,
            Map<String, User> usersBefore,
            Map<String, User> usersAfter,
            List<String> usersDeactivated,
            Changes<Group> groups,
            Set<String> groupsAfter) {
        this.levelsBefore = levelsBefore;
        this.levelsAfter = levelsAfter;
        this.levelsRemoved = levelsRemoved;
        this.levelsGiven = levelsGiven;
        this.usersCreated = users.created();
        this.usersUpdated = users.updated();
        this.usersUnchanged = users.unchanged();
        this.usersBefore = usersBefore;
        this.usersAfter = usersAfter;
        this.usersDeactivated = usersDeactivated;
        this.groupsCreated = groups.created();
        this.groupsUpdated = groups.updated();
        this.groupsUnchanged = groups.unchanged();
        this.groupsAfter = groupsAfter;
    }

    @Override
    public boolean isUser(String username) {
        return usersAfter.containsKey(username);
    }

    @Override
    public boolean isGroup(String group) {
        return groupsAfter.contains(group);
    }

    @Override
    public boolean isLevel(String level) {
        return levelsAfter.contains(level);
    }

    @Override
    public List<String> levels() {
        return levelsAfter;
    }

    /** Entries split by what applying the import does to them. */
    record Changes<T>(List<T> created, List<T> updated, int unchanged) {}
}
