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
import io.countersign.shared.Summaries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, reads, replaces and deletes groups (teams) with their members and managers. */
@Service
public class Groups {

    private final GroupStore store;
    private final UserStore users;
    private final List<DirectoryReferences> references;
    private final ApplicationEventPublisher events;

    Groups(GroupStore store, UserStore users, List<DirectoryReferences> references, ApplicationEventPublisher events) {
        this.store = store;
        this.users = users;
        this.references = references;
        this.events = events;
    }

    public Optional<Group> find(String name) {
        return name == null ? Optional.empty() : store.find(Names.canonical(name));
    }

    public Group get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("group", Names.canonical(name)));
    }

    /** Every group, by name. */
    public List<Group> list() {
        return store.all();
    }

    /** One page of groups by name. */
    public NamePage<Group> page(NameQuery query) {
        return query.page(store.page(query), Group::name);
    }

    /** The stored revision of a group; {@code lock} holds the row until the transaction ends. */
    public Optional<Revision> revision(String name, boolean lock) {
        return store.revision(Names.canonical(name), lock);
    }

    @Transactional
    public Group create(Actor actor, GroupInput input) {
        Group group = validated(input);
        if (store.exists(group.name())) {
            throw alreadyExists(group.name());
        }
        try {
            store.insert(List.of(group));
        } catch (DuplicateKeyException createdMeanwhile) {
            // the same creation sent twice at once: the one that lost the race hears what it would a moment later
            throw alreadyExists(group.name());
        }
        events.publishEvent(new GroupCreated(actor, group));
        return group;
    }

    /** Replaces the members and managers of an existing group; the name itself cannot change. */
    @Transactional
    public Group replace(Actor actor, String name, GroupInput input) {
        String canonical = Names.canonical(name);
        // locked before it is read: a deletion at the same moment then waits, or is done and answers 404
        store.revision(canonical, true);
        Group before = get(canonical);
        if (input.name() != null && !canonical.equals(Names.canonical(input.name()))) {
            throw InvalidInputException.of(
                    "name", "mismatch", "must be '" + canonical + "' or left out; a group cannot be renamed");
        }
        Group after = validated(new GroupInput(canonical, input.members(), input.managers()));
        if (after.equals(before)) {
            return before;
        }
        store.update(List.of(after));
        events.publishEvent(new GroupUpdated(actor, before, after));
        return after;
    }

    /** Deletes a group; refused while a resource (or another module's entry) still refers to it. */
    @Transactional
    public void delete(Actor actor, String name) {
        Group group = get(name);
        List<String> uses = new ArrayList<>();
        references.forEach(module -> uses.addAll(module.usesOfGroup(group.name())));
        if (!uses.isEmpty()) {
            throw new ConflictException("Group '" + group.name() + "' is still used by " + Summaries.names(uses) + ".");
        }
        store.delete(group.name());
        events.publishEvent(new GroupDeleted(actor, group));
    }

    private static ConflictException alreadyExists(String name) {
        return ConflictException.nameTaken("group", "name", name);
    }

    private Group validated(GroupInput input) {
        Group group = GroupRules.normalize(input);
        // only well-formed names reach the database: a NUL would fail the query instead of the check
        Set<String> known = users.existing(Stream.concat(group.members().stream(), group.managers().stream())
                .filter(Names::isValid)
                .toList());
        Problems problems = new Problems();
        GroupRules.check(problems, "", input, known::contains);
        problems.throwIfAny();
        return group;
    }
}
