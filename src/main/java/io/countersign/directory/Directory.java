package io.countersign.directory;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Read access to identities, groups and levels for the other modules. Names are canonical (lower case). */
public interface Directory {

    Optional<User> findUser(String username);

    /** Groups the user is a member of. */
    Set<String> groupsOf(String username);

    /** Whether the group exists. */
    boolean groupExists(String group);

    Set<String> membersOf(String group);

    Set<String> managersOf(String group);

    /** Active users whose level ranks at or above {@code level}. */
    Set<String> activeUsersAtOrAbove(String level);

    /** The rank of a level, lowest first from 0; empty when no such level is configured. */
    OptionalInt rankOf(String level);

    /** Configured level names, lowest first. */
    List<String> levels();
}
