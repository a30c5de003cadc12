package io.countersign.directory;

import io.countersign.shared.database.Pipeline;
import io.countersign.shared.database.Pipelined;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Read access to identities, groups and levels for the other modules. Names are canonical (lower case). */
public interface Directory extends DirectoryNames {

    Optional<User> findUser(String username);

    /**
     * The internal, immutable id of the user who has this name now, active or not. Other modules key
     * everything that names a person over time on it: a later user given a deleted user's name has
     * another id and inherits nothing.
     */
    Optional<String> idOf(String username);

    /** The user who has this internal id, active or not. */
    Optional<User> findUserById(String userId);

    /**
     * The active users with this mail address, compared without regard to case. A channel that proves
     * a person by their address trusts it only when exactly one user has it.
     */
    List<User> activeUsersWithEmail(String address);

    /**
     * Locks the user's row until the transaction ends and answers whether the user exists and is
     * active. Whatever grants access to a user takes this lock first, and deactivation and deletion
     * hold it while they end that access, so neither can slip past the other.
     */
    boolean lockActive(String userId);

    /** {@link #lockActive} as a query to run in a {@link Pipeline} with others. */
    Pipelined<Boolean> activeLock(String userId);

    /**
     * As {@link #lockActive}, for the user with this name, in one statement: their id when they exist
     * and are active.
     */
    Optional<String> lockActiveNamed(String username);

    /**
     * As {@link #lockActive}, for several users by name at once: each that exists, as the lock read it
     * (not as a cache remembers it), by username. The rows are taken in username order, as the
     * administrators' are, so that two callers locking some of the same users cannot each hold a row
     * the other waits for.
     */
    Map<String, User> lockUsers(Collection<String> usernames);

    /** {@link #lockActiveNamed} as a query to run in a {@link Pipeline} with others. */
    Pipelined<Optional<String>> activeNamedLock(String username);

    /**
     * As {@link #lockActiveNamed}, but alone: another transaction holding or asking for any lock of the
     * user's row waits until this one ends, so that the user's own asks of one kind are taken one at a
     * time. References to the user (foreign keys) do not wait.
     */
    Optional<String> lockActiveNamedAlone(String username);

    /** {@link #lockActiveNamedAlone} as a query to run in a {@link Pipeline} with others. */
    Pipelined<Optional<String>> activeNamedAloneLock(String username);

    /**
     * Those of the given users that exist, active or not, by username; one query for all of them
     * instead of one each.
     */
    default Map<String, User> findUsers(Collection<String> usernames) {
        Map<String, User> found = new HashMap<>();
        usernames.forEach(name -> findUser(name).ifPresent(user -> found.put(user.username(), user)));
        return found;
    }

    /** The ids of those of the given usernames that exist, by username. */
    Map<String, String> idsOf(Collection<String> usernames);

    /** Groups the user is a member of. */
    Set<String> groupsOf(String username);

    /** Whether the group exists. */
    boolean groupExists(String group);

    Set<String> membersOf(String group);

    Set<String> managersOf(String group);

    /** Users who can approve (active, tool role USER or ADMIN) whose level ranks at or above {@code level}. */
    Set<String> approversAtOrAbove(String level);

    /** The rank of a level, lowest first from 0; empty when no such level is configured. */
    OptionalInt rankOf(String level);

    /** Configured level names, lowest first. */
    @Override
    List<String> levels();

    @Override
    default boolean isUser(String username) {
        return findUser(username).isPresent();
    }

    @Override
    default boolean isGroup(String group) {
        return groupExists(group);
    }

    @Override
    default boolean isLevel(String level) {
        return rankOf(level).isPresent();
    }
}
