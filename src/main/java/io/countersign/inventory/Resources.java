package io.countersign.inventory;

import io.countersign.directory.Directory;
import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NamePage;
import io.countersign.shared.NameQuery;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import io.countersign.shared.Revision;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, reads, replaces and deletes resources with their groups, labels, owners and accounts. */
@Service
public class Resources {

    private final ResourceStore store;
    private final Directory directory;
    private final ApplicationEventPublisher events;

    Resources(ResourceStore store, Directory directory, ApplicationEventPublisher events) {
        this.store = store;
        this.directory = directory;
        this.events = events;
    }

    public Optional<Resource> find(String name) {
        return name == null ? Optional.empty() : store.find(Names.canonical(name));
    }

    public Resource get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("resource", Names.canonical(name)));
    }

    /** Every resource, by name. */
    public List<Resource> list() {
        return store.all();
    }

    /** One page of resources by name. */
    public NamePage<Resource> page(NameQuery query) {
        return query.page(store.page(query), Resource::name);
    }

    /** The stored revision of a resource; {@code lock} holds the row until the transaction ends. */
    public Optional<Revision> revision(String name, boolean lock) {
        return store.revision(Names.canonical(name), lock);
    }

    @Transactional
    public Resource create(Actor actor, ResourceInput input) {
        Resource resource = validated(input);
        if (store.exists(resource.name())) {
            throw alreadyExists(resource.name());
        }
        try {
            store.insert(List.of(resource));
        } catch (DuplicateKeyException createdMeanwhile) {
            // the same creation sent twice at once: the one that lost the race hears what it would a moment later
            throw alreadyExists(resource.name());
        }
        events.publishEvent(new ResourceCreated(actor, resource));
        return resource;
    }

    /** Replaces everything about an existing resource except its name. */
    @Transactional
    public Resource replace(Actor actor, String name, ResourceInput input) {
        String canonical = Names.canonical(name);
        // locked before it is read, so that the accounts it loses are judged against what it has
        store.lockExclusive(List.of(canonical));
        Resource before = get(canonical);
        if (input.name() != null && !canonical.equals(Names.canonical(input.name()))) {
            throw InvalidInputException.of(
                    "name", "mismatch", "must be '" + canonical + "' or left out; a resource cannot be renamed");
        }
        Resource after = validated(new ResourceInput(
                canonical, input.type(), input.groups(), input.labels(), input.owners(), input.accounts()));
        if (after.equals(before)) {
            return before;
        }
        store.update(List.of(after));
        if (ResourceAccountsRemoved.removes(before, after)) {
            // before the audited event: what ends locks its rows before the audit chain's head
            events.publishEvent(new ResourceAccountsRemoved(actor, after.name(), after.accounts()));
        }
        events.publishEvent(new ResourceUpdated(actor, before, after));
        return after;
    }

    @Transactional
    public void delete(Actor actor, String name) {
        store.lockExclusive(List.of(Names.canonical(name)));
        Resource resource = get(name);
        store.delete(resource.name());
        events.publishEvent(new ResourceDeleted(actor, resource));
    }

    private static ConflictException alreadyExists(String name) {
        return ConflictException.nameTaken("resource", "name", name);
    }

    private Resource validated(ResourceInput input) {
        Problems problems = new Problems();
        ResourceRules.check(
                problems, "", input, username -> directory.findUser(username).isPresent(), directory::groupExists);
        problems.throwIfAny();
        return ResourceRules.normalize(input);
    }
}
