package io.countersign.directory;

import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.Problems;
import io.countersign.shared.Summaries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The ordered levels (engineer < team-lead < manager < director) that users hold and policies compare. */
@Service
public class Levels {

    private final LevelStore store;
    private final UserStore users;
    private final List<DirectoryReferences> references;
    private final ApplicationEventPublisher events;

    Levels(LevelStore store, UserStore users, List<DirectoryReferences> references, ApplicationEventPublisher events) {
        this.store = store;
        this.users = users;
        this.references = references;
        this.events = events;
    }

    /** Level names, lowest first. */
    public List<String> list() {
        return store.all();
    }

    /**
     * Level names, lowest first, read with the list locked until the caller's transaction ends: what a
     * save that first compares the version its form was opened at reads, so that no other save comes
     * between the comparison and its own write.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> held() {
        store.lock();
        return store.all();
    }

    /**
     * Replaces the list, lowest first. A level that is left out is removed, which is refused while a
     * user holds it or another module (a policy) refers to it.
     */
    @Transactional
    public List<String> replace(Actor actor, List<String> ordered) {
        Problems problems = new Problems();
        List<String> after = LevelRules.check(problems, "levels", ordered);
        problems.throwIfAny();
        // read under the lock: a list read before another save committed would rank the levels that
        // save added below the lowest, or give two levels one rank
        List<String> before = held();
        if (before.equals(after)) {
            return after;
        }
        Set<String> removed = new LinkedHashSet<>(before);
        after.forEach(removed::remove);
        List<String> stillUsed = new ArrayList<>();
        for (String level : removed) {
            List<String> holders = users.usingLevel(level);
            if (!holders.isEmpty()) {
                stillUsed.add("'" + level + "' is held by " + Summaries.names(holders));
            }
            for (DirectoryReferences module : references) {
                List<String> uses = module.usesOfLevel(level);
                if (!uses.isEmpty()) {
                    stillUsed.add("'" + level + "' is used by " + Summaries.names(uses));
                }
            }
        }
        if (!stillUsed.isEmpty()) {
            throw new ConflictException("Levels still in use cannot be removed: " + String.join("; ", stillUsed) + ".");
        }
        try {
            store.rank(after, new LinkedHashSet<>(before));
        } catch (DuplicateKeyException e) {
            // the lock holds no row while there are no levels: the first two lists saved at once meet here
            throw new ConflictException(
                    "The levels were changed while this list was saved; nothing was saved. Send it again.");
        }
        store.delete(removed);
        events.publishEvent(new LevelsReplaced(actor, before, after));
        return after;
    }
}
