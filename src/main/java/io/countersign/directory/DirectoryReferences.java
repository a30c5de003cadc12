package io.countersign.directory;

import java.util.List;

/**
 * Implemented by modules that refer to directory entries (resources name groups and owners, policies
 * name users, groups and levels), so that the directory keeps those references whole without
 * depending on the modules that hold them. Every method runs inside the directory's transaction.
 */
public interface DirectoryReferences {

    /** What still needs the group, such as {@code resource:prod-db}; anything listed refuses its deletion. */
    default List<String> usesOfGroup(String group) {
        return List.of();
    }

    /** What still needs the level, such as {@code policy:prod-access}; anything listed refuses its removal. */
    default List<String> usesOfLevel(String level) {
        return List.of();
    }

    /** What names the user, such as {@code policy:prod-access}; anything listed refuses their deletion. */
    default List<String> usesOfUser(String username) {
        return List.of();
    }

    /** Drops what the module holds for a user who is being deleted, such as resource ownerships. */
    default void forgetUser(String username) {}
}
