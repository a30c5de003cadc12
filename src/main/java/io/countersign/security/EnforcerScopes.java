package io.countersign.security;

import io.countersign.directory.Groups;
import io.countersign.directory.User;
import io.countersign.directory.UserChanged;
import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.inventory.Resource;
import io.countersign.inventory.Resources;
import io.countersign.policy.NamePattern;
import io.countersign.shared.Actor;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import io.countersign.shared.Role;
import io.countersign.shared.database.BoundedDatabaseCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Limits what an enforcement point may ask on behalf of users: only resources in its scope, and
 * never for an administrator or auditor account, whose access a gateway has no business probing or
 * requesting.
 */
@Service
public class EnforcerScopes {

    private final ScopeStore store;
    private final Users users;
    private final Groups groups;
    private final Resources resources;
    private final ApplicationEventPublisher events;
    private final BoundedDatabaseCalls boundedCalls;
    private final ScopeDecisions decisions;

    EnforcerScopes(
            ScopeStore store,
            Users users,
            Groups groups,
            Resources resources,
            ApplicationEventPublisher events,
            BoundedDatabaseCalls boundedCalls,
            ScopeDecisions decisions) {
        this.store = store;
        this.users = users;
        this.groups = groups;
        this.resources = resources;
        this.events = events;
        this.boundedCalls = boundedCalls;
        this.decisions = decisions;
    }

    public Optional<EnforcerScope> of(String username) {
        return store.find(Names.canonical(username));
    }

    /** Every scope, by username. */
    public Map<String, EnforcerScope> all() {
        return store.all(null);
    }

    /**
     * Refuses (403) an ENFORCER acting on behalf of {@code user} for {@code resource} when the user is
     * an ADMIN, AUDITOR or ENFORCER account or the resource is outside its scope. Other roles pass; a missing
     * user or resource is left to the operation's own validation.
     */
    public void checkOnBehalf(Actor actor, String user, String resource) {
        checkOnBehalf(actor, user, resource, false);
    }

    /**
     * {@link #checkOnBehalf(Actor, String, String)}, from a decision kept in memory when {@code
     * changesSeen}: every change committed before the caller asked has reached this instance (see
     * {@link io.countersign.shared.database.NotificationFence}), and any change to what the decision
     * rests on forgets it.
     */
    public void checkOnBehalf(Actor actor, String user, String resource, boolean changesSeen) {
        if (!actor.is(Role.ENFORCER)) {
            return;
        }
        if (!changesSeen || !decisions.enabled()) {
            // bounded like the check itself: an enforcement point is told to deny within a second
            boundedCalls.call(() -> refusal(actor, user, resource)).ifPresent(EnforcerScopes::refuse);
            return;
        }
        ScopeDecisions.Key key = decisionKey(actor, user, resource);
        Optional<String> refusal = decisions.find(key);
        if (refusal == null) {
            long generation = decisions.generation();
            refusal = boundedCalls.call(() -> refusal(actor, user, resource));
            decisions.keep(generation, key, refusal);
        }
        refusal.ifPresent(EnforcerScopes::refuse);
    }

    /**
     * Whether {@link #checkOnBehalf} would let {@code actor} ask, known from a decision kept in memory
     * that allows it; false when none is kept or the kept one refuses, and then {@link #checkOnBehalf}
     * must be asked. For a caller whose view is recent rather than fenced (see {@link
     * io.countersign.shared.database.NotificationFence#passedRecently()}): every change that narrows
     * what a decision allows holds its acknowledgement until such a view covers it.
     */
    public boolean allowsFromMemory(Actor actor, String user, String resource) {
        if (!actor.is(Role.ENFORCER)) {
            return true;
        }
        if (!decisions.enabled()) {
            return false;
        }
        Optional<String> refusal = decisions.find(decisionKey(actor, user, resource));
        return refusal != null && refusal.isEmpty();
    }

    private static ScopeDecisions.Key decisionKey(Actor actor, String user, String resource) {
        return new ScopeDecisions.Key(actor.username(), Names.canonical(user), Names.canonical(resource));
    }

    private static void refuse(String message) {
        throw new ForbiddenException(message);
    }

    /** Why the ENFORCER may not ask this, or empty when it may. */
    private Optional<String> refusal(Actor actor, String user, String resource) {
        String subject = Names.canonical(user);
        if (subject != null
                && !subject.isEmpty()
                && users.find(subject)
                        .filter(found -> found.role() != Role.USER)
                        .isPresent()) {
            // an ENFORCER account is a machine that connects on people's behalf, never a holder of access
            return Optional.of("An enforcement point never checks or requests access on behalf"
                    + " of an ADMIN, AUDITOR or ENFORCER account.");
        }
        String name = Names.canonical(resource);
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        Optional<EnforcerScope> scope = store.find(actor.username());
        if (scope.isPresent() && !covers(scope.get(), name)) {
            return Optional.of(
                    "Resource '" + name + "' is outside the scope of enforcement point '" + actor.username() + "'.");
        }
        return Optional.empty();
    }

    private boolean covers(EnforcerScope scope, String resource) {
        if (scope.resources().stream()
                .anyMatch(glob -> NamePattern.compile(glob).matches(resource))) {
            return true;
        }
        if (scope.resourceGroups().isEmpty()) {
            return false;
        }
        Set<String> groupsOfResource =
                resources.find(resource).map(Resource::groups).orElse(Set.of());
        return scope.resourceGroups().stream().anyMatch(groupsOfResource::contains);
    }

    /** Creates a user and their scope in one transaction; every problem of both is reported at once. */
    @Transactional
    public User create(Actor actor, UserInput input, EnforcerScope scope) {
        EnforcerScope normalized = ScopeRules.normalize(scope);
        User user = withScopeProblems(normalized, roleOf(input), () -> users.create(actor, input));
        save(actor, user.username(), null, normalized);
        return user;
    }

    /** Replaces a user and their scope in one transaction; a missing scope removes it. */
    @Transactional
    public User replace(Actor actor, String username, UserInput input, EnforcerScope scope) {
        EnforcerScope normalized = ScopeRules.normalize(scope);
        User user = withScopeProblems(normalized, roleOf(input), () -> users.replace(actor, username, input));
        save(actor, user.username(), store.find(user.username()).orElse(null), normalized);
        return user;
    }

    /** A user who stops being an ENFORCER (by any path) loses the scope, so it cannot return with a later role change. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void updated(UserChanged event) {
        if (event.after().role() != Role.ENFORCER) {
            String username = event.after().username();
            store.find(username).ifPresent(before -> save(event.actor(), username, before, null));
        }
    }

    private User withScopeProblems(EnforcerScope scope, Role role, java.util.function.Supplier<User> write) {
        Problems problems = new Problems();
        ScopeRules.check(problems, scope, role, name -> groups.find(name).isPresent());
        User user;
        try {
            user = write.get();
        } catch (InvalidInputException invalid) {
            List<FieldIssue> all = new ArrayList<>(invalid.issues());
            all.addAll(problems.issues());
            throw new InvalidInputException(all);
        }
        // the user was written in this transaction; throwing rolls it back with the scope
        problems.throwIfAny();
        return user;
    }

    private void save(Actor actor, String username, EnforcerScope before, EnforcerScope after) {
        if (Objects.equals(before, after)) {
            return;
        }
        store.replace(username, after);
        events.publishEvent(new EnforcerScopeChanged(actor, username, after));
    }

    private static Role roleOf(UserInput input) {
        return input.role() == null ? Role.USER : input.role();
    }
}
