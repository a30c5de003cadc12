package io.countersign.directory;

import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NamePage;
import io.countersign.shared.NameQuery;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import io.countersign.shared.Revision;
import io.countersign.shared.Role;
import io.countersign.shared.Summaries;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, reads, replaces and deletes users. */
@Service
public class Users {

    private final UserStore store;
    private final GroupStore groups;
    private final LevelStore levels;
    private final List<DirectoryReferences> references;
    private final ApplicationEventPublisher events;

    Users(
            UserStore store,
            GroupStore groups,
            LevelStore levels,
            List<DirectoryReferences> references,
            ApplicationEventPublisher events) {
        this.store = store;
        this.groups = groups;
        this.levels = levels;
        this.references = references;
        this.events = events;
    }

    public boolean anyExist() {
        return store.count() > 0;
    }

    public Optional<User> find(String username) {
        return username == null ? Optional.empty() : store.find(Names.canonical(username));
    }

    /** Every user, by username. */
    public List<User> list() {
        return store.all();
    }

    /** One page of users by username. */
    public NamePage<User> page(NameQuery query) {
        return query.page(store.page(query), User::username);
    }

    /**
     * The stored revision of a user; {@code lock} holds the row until the transaction ends, and an active
     * administrator's together with every other active administrator's.
     */
    public Optional<Revision> revision(String username, boolean lock) {
        String name = Names.canonical(username);
        if (lock
                && store.find(name)
                        .filter(User::active)
                        .filter(user -> user.role() == Role.ADMIN)
                        .isPresent()) {
            // an administrator's row is taken with every administrator's, in their order, as the check that
            // one remains takes them: locked alone first, two versioned changes could wait on each other
            store.lockActiveAdmins();
        }
        return store.revision(name, lock);
    }

    /** A user as {@code actor} may see it: administrators and auditors see everyone, others only themselves. */
    public User view(Actor actor, String username) {
        String name = Names.canonical(username);
        if (!actor.canReadEverything() && !actor.username().equals(name)) {
            throw new NotFoundException("user", name);
        }
        return find(name).orElseThrow(() -> new NotFoundException("user", name));
    }

    @Transactional
    public User create(Actor actor, UserInput input) {
        User user = UserRules.normalize(input);
        Problems problems = new Problems();
        UserRules.check(problems, "", user, known());
        problems.throwIfAny();
        if (store.exists(user.username())) {
            throw alreadyExists(user.username());
        }
        try {
            store.insert(user);
        } catch (DuplicateKeyException createdMeanwhile) {
            // the same creation sent twice at once: the one that lost the race hears what it would a moment later
            throw alreadyExists(user.username());
        }
        events.publishEvent(new UserCreated(actor, user));
        return user;
    }

    /** Replaces every field of an existing user; the username itself cannot change. */
    @Transactional
    public User replace(Actor actor, String username, UserInput input) {
        String name = Names.canonical(username);
        User before = store.find(name).orElseThrow(() -> new NotFoundException("user", name));
        if (input.username() != null && !name.equals(Names.canonical(input.username()))) {
            throw InvalidInputException.of(
                    "username", "mismatch", "must be '" + name + "' or left out; a user cannot be renamed");
        }
        User after = UserRules.normalize(withUsername(input, name));
        Problems problems = new Problems();
        UserRules.check(problems, "", after, known());
        problems.throwIfAny();
        if (after.equals(before)) {
            return before;
        }
        keepAnAdministrator(before, after);
        if (!store.update(after)) {
            throw new NotFoundException("user", name);
        }
        String id = store.idOf(name).orElseThrow();
        if (before.active() && !after.active()) {
            // before the audited event: what ends locks its rows before the audit chain's head
            events.publishEvent(new UserAccessEnded(actor, id, name, UserAccessEnded.DEACTIVATED));
        }
        events.publishEvent(new UserChanged(actor, id, before, after));
        events.publishEvent(new UserUpdated(actor, before, after));
        return after;
    }

    /**
     * Deletes a user with their group memberships, managerships and what other modules hold for them
     * (resource ownerships); the users they managed keep no manager. Refused while a policy names the
     * user as an approver: a later user given the same name would silently become that approver.
     */
    @Transactional
    public void delete(Actor actor, String username) {
        String name = Names.canonical(username);
        User user = store.find(name).orElseThrow(() -> new NotFoundException("user", name));
        // first: removing what names the last administrator would not let them be deleted either
        keepAnAdministrator(user, null);
        List<String> uses = new ArrayList<>();
        references.forEach(module -> uses.addAll(module.usesOfUser(name)));
        if (!uses.isEmpty()) {
            throw new ConflictException("User '" + name + "' is still named by " + Summaries.names(uses) + ".");
        }
        String id = store.idOf(name).orElseThrow();
        List<String> reports = store.reportsOf(name);
        references.forEach(module -> module.forgetUser(name));
        groups.removeFromEveryGroup(name);
        store.delete(name);
        // before the audited event: what ends locks its rows before the audit chain's head
        events.publishEvent(new UserAccessEnded(actor, id, name, UserAccessEnded.DELETED));
        events.publishEvent(new UserDeleted(actor, user, reports));
    }

    private static ConflictException alreadyExists(String username) {
        return ConflictException.nameTaken("user", "username", username);
    }

    /** Refuses to delete, demote or deactivate the last active administrator: nobody could administer any more. */
    private void keepAnAdministrator(User before, User after) {
        boolean wasActiveAdmin = before.role() == Role.ADMIN && before.active();
        boolean staysActiveAdmin = after != null && after.role() == Role.ADMIN && after.active();
        if (!wasActiveAdmin || staysActiveAdmin) {
            return;
        }
        List<String> admins = store.lockActiveAdmins();
        if (admins.size() <= 1 && admins.contains(before.username())) {
            // a deletion has no field to name; a replacement names the one that removes the administrator
            throw new ConflictException(
                    "'" + before.username()
                            + "' is the last active administrator; make another user an active ADMIN first.",
                    after == null ? List.of() : List.of(LastAdministrator.issue("", after)));
        }
    }

    private UserRules.Known known() {
        return new UserRules.Known() {
            @Override
            public boolean isLevel(String level) {
                return levels.exists(level);
            }

            @Override
            public boolean isUser(String username) {
                return store.exists(username);
            }

            @Override
            public String managerOf(String username) {
                return store.managerOf(username);
            }
        };
    }

    private static UserInput withUsername(UserInput input, String username) {
        return Objects.equals(input.username(), username)
                ? input
                : new UserInput(
                        username,
                        input.email(),
                        input.displayName(),
                        input.level(),
                        input.manager(),
                        input.role(),
                        input.active());
    }
}
