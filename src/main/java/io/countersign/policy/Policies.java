package io.countersign.policy;

import io.countersign.directory.Directory;
import io.countersign.directory.DirectoryNames;
import io.countersign.directory.User;
import io.countersign.policy.internal.CompiledPolicy;
import io.countersign.policy.internal.PlanMaker;
import io.countersign.policy.internal.PolicyCatalog;
import io.countersign.policy.internal.PolicyNormalizer;
import io.countersign.policy.internal.PolicyStore;
import io.countersign.policy.internal.PolicyValidator;
import io.countersign.policy.internal.Precedence;
import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NamePage;
import io.countersign.shared.NameQuery;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import io.countersign.shared.RefusedException;
import io.countersign.shared.Revision;
import io.countersign.shared.Role;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, replaces, deletes and lists policies, imports many at once, and explains which policy
 * governs a request. Every change moves the policy revision in the same transaction, which is how
 * every instance learns that its compiled index is stale.
 */
@Service
public class Policies {

    private final PolicyStore store;
    private final PolicyCatalog catalog;
    private final PolicyValidator validator;
    private final ApprovalPlanner planner;
    private final Directory directory;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Policies(
            PolicyStore store,
            PolicyCatalog catalog,
            Directory directory,
            ApprovalPlanner planner,
            Clock clock,
            ApplicationEventPublisher events,
            ObjectProvider<NotifyChannels> channels) {
        this.store = store;
        this.catalog = catalog;
        // looked up on each check: the channels module may be absent, and its names change at run time
        this.validator = new PolicyValidator(
                directory, name -> channels.getIfAvailable(() -> n -> false).exists(name));
        this.planner = planner;
        this.directory = directory;
        this.clock = clock;
        this.events = events;
    }

    /** @return the stored policy, defaults filled in */
    @Transactional
    public PolicyDefinition create(Actor actor, PolicyDefinition input) {
        requireAdmin(actor);
        PolicyDefinition policy = validated(input);
        startChange(List.of());
        if (store.exists(policy.name())) {
            throw ConflictException.nameTaken("policy", "name", policy.name());
        }
        store.insert(policy, clock.instant());
        events.publishEvent(new PolicyCreated(actor, policy));
        return policy;
    }

    /**
     * Replaces the whole definition of an existing policy; omitted fields take their defaults. The
     * body's name may be omitted, and must otherwise be the name in the path (no renaming). A body that
     * says what is stored changes nothing: no write, no audit event, the same ETag.
     */
    @Transactional
    public PolicyDefinition replace(Actor actor, String name, PolicyDefinition input) {
        requireAdmin(actor);
        String key = Names.canonical(name);
        String bodyName = Names.canonical(input.name());
        if (bodyName != null && !bodyName.equals(key)) {
            throw InvalidInputException.of(
                    "name", "name_mismatch", "must be '" + key + "' as in the path, or be left out");
        }
        PolicyDefinition stored = store.find(key).orElseThrow(() -> new NotFoundException("policy", key));
        PolicyDefinition policy = validated(input.withName(key));
        if (policy.equals(stored)) {
            // as for users, groups and resources: nothing stored, so the ETag read before still holds
            return stored;
        }
        startChange(List.of(key));
        // read again under the revision's lock, so that the event tells the change from what it replaced
        PolicyDefinition before = store.find(key).orElseThrow(() -> new NotFoundException("policy", key));
        store.update(policy, clock.instant());
        events.publishEvent(new PolicyUpdated(actor, before, policy));
        return policy;
    }

    @Transactional
    public void delete(Actor actor, String name) {
        requireAdmin(actor);
        String key = Names.canonical(name);
        startChange(List.of(key));
        if (!store.delete(key)) {
            throw new NotFoundException("policy", key);
        }
        events.publishEvent(new PolicyDeleted(actor, key));
    }

    /** @throws NotFoundException when no policy has this name */
    public PolicyDefinition get(String name) {
        String key = Names.canonical(name);
        return store.find(key).orElseThrow(() -> new NotFoundException("policy", key));
    }

    /** The policies whose steps (or extension steps) notify the chat channel {@code name}, by name. */
    public List<String> notifyingChannel(String name) {
        return store.all().stream()
                .filter(policy ->
                        stepsOf(policy).anyMatch(step -> step.notifyChannels().contains(name)))
                .map(PolicyDefinition::name)
                .sorted()
                .toList();
    }

    private static java.util.stream.Stream<PolicyDefinition.Step> stepsOf(PolicyDefinition policy) {
        java.util.stream.Stream<PolicyDefinition.Step> own = policy.steps().stream();
        return policy.extension() == null || policy.extension().steps() == null
                ? own
                : java.util.stream.Stream.concat(own, policy.extension().steps().stream());
    }

    /** Every policy, enabled or not, in order of precedence: the first one that matches a request governs it. */
    public List<PolicyDefinition> list() {
        return store.all().stream()
                .map(CompiledPolicy::of)
                .sorted(Precedence.ORDER)
                .map(CompiledPolicy::definition)
                .toList();
    }

    /**
     * One page of policies by name (not by precedence: a page boundary must not move when a priority
     * changes).
     */
    public NamePage<PolicyDefinition> page(NameQuery query) {
        return query.page(store.page(query), PolicyDefinition::name);
    }

    /** The stored revision of a policy; {@code lock} holds the row until the transaction ends. */
    public Optional<Revision> revision(String name, boolean lock) {
        return store.revision(Names.canonical(name), lock);
    }

    /**
     * Every problem of the given policies, with paths under {@code pathPrefix} such as
     * {@code policies[3].steps[0].approvers[0].group}; a name given twice is a problem too. Changes
     * nothing. Users, groups and levels are looked up in the directory as it is now, so an importer
     * creates those first in the same transaction.
     */
    public List<FieldIssue> check(List<PolicyDefinition> policies, String pathPrefix) {
        return check(policies, pathPrefix, directory);
    }

    /**
     * As {@link #check(List, String)}, with users, groups and levels looked up in {@code names}: an
     * importer passes the directory as its import will leave it, so that the policies' problems are
     * reported with those of the other sections, before anything is written.
     */
    public List<FieldIssue> check(List<PolicyDefinition> policies, String pathPrefix, DirectoryNames names) {
        List<FieldIssue> issues = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < policies.size(); i++) {
            String path = pathPrefix + "[" + i + "]";
            PolicyDefinition input = policies.get(i);
            if (input == null) {
                issues.add(new FieldIssue(path, "required", "must be a policy, not null"));
                continue;
            }
            PolicyDefinition policy = PolicyNormalizer.normalize(input);
            issues.addAll(validator.validate(policy, path, names));
            Integer earlier = policy.name() == null ? null : firstIndex.putIfAbsent(policy.name(), i);
            if (earlier != null) {
                // worded as the other sections of a bundle word it
                issues.add(new FieldIssue(
                        path + ".name",
                        "duplicate",
                        "'" + policy.name() + "' is already defined at " + pathPrefix + "[" + earlier + "]"));
            }
        }
        return issues;
    }

    /**
     * Creates or replaces each of the given policies, all or nothing: when any is invalid, nothing
     * changes and an {@link InvalidInputException} lists every problem under {@code pathPrefix}.
     * Policies not in the list are left alone, and so is one given exactly as it is stored.
     */
    @Transactional
    public ImportResult upsertAll(Actor actor, List<PolicyDefinition> policies, String pathPrefix) {
        requireAdmin(actor);
        new Problems().addAll(check(policies, pathPrefix)).throwIfAny();
        startChange(
                policies.stream().map(policy -> Names.canonical(policy.name())).toList());
        List<String> created = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (PolicyDefinition input : policies) {
            PolicyDefinition policy = PolicyNormalizer.normalize(input);
            Optional<PolicyDefinition> stored = store.find(policy.name());
            if (stored.isEmpty()) {
                store.insert(policy, clock.instant());
                created.add(policy.name());
                events.publishEvent(new PolicyCreated(actor, policy));
            } else if (stored.get().equals(policy)) {
                // as for users, groups and resources: an export imported again keeps every ETag and audits nothing
                unchanged.add(policy.name());
            } else {
                store.update(policy, clock.instant());
                replaced.add(policy.name());
                events.publishEvent(new PolicyUpdated(actor, stored.get(), policy));
            }
        }
        return new ImportResult(List.copyOf(created), List.copyOf(replaced), List.copyOf(unchanged));
    }

    /**
     * Which policy would govern a request and who would approve it, without committing anything.
     * A USER may explain only their own requests; the other roles may explain anyone's, an ENFORCER
     * never its own. The requester defaults to the caller.
     */
    @Transactional(readOnly = true)
    public PolicyExplanation explain(Actor actor, String requester, String resource, String account) {
        return explain(actor, requester, resource, account, false);
    }

    /**
     * As {@link #explain(Actor, String, String, String)}; with {@code extension}, the plan an extension
     * of a grant on (resource, account) would follow: the policy's extension steps (or its own) and the
     * maximum total duration in its limits.
     */
    @Transactional(readOnly = true)
    public PolicyExplanation explain(
            Actor actor, String requester, String resource, String account, boolean extension) {
        Problems problems = new Problems();
        problems.requireText(resource, "resource", Names.MAX_LENGTH);
        problems.requireText(account, "account", Names.MAX_LENGTH);
        problems.maxLength(requester, "requester", Names.MAX_LENGTH);
        problems.throwIfAny();
        String who = requester == null || requester.isBlank() ? actor.username() : Names.canonical(requester);
        if (actor.is(Role.USER) && !who.equals(actor.username())) {
            throw new ForbiddenException("You may explain only your own access; leave 'requester' out.");
        }
        if (actor.is(Role.ENFORCER) && who.equals(actor.username())) {
            // the scope check sees only a requester that is named; left out, it would be the gateway itself
            throw new ForbiddenException("An enforcement point never explains access for its own account, which"
                    + " holds none; name the user in 'requester'.");
        }
        if (actor.canReadEverything()) {
            refuseIfDeactivated(who);
        }
        String resourceName = Names.canonical(resource);
        String accountName = Names.canonical(account);
        try {
            ApprovalPlan plan = extension
                    ? planner.planExtension(who, resourceName, accountName)
                    : planner.plan(who, resourceName, accountName);
            // a request too few could approve is refused at creation in these words
            String refusal = plan.isFeasible() ? null : String.join(" ", plan.problems());
            return new PolicyExplanation(true, who, resourceName, accountName, withRoleProblem(plan, who), refusal);
        } catch (RefusedException e) {
            if (!PlanMaker.NO_MATCHING_POLICY.equals(e.reason())) {
                throw e;
            }
            return new PolicyExplanation(false, who, resourceName, accountName, null, e.getMessage());
        }
    }

    /**
     * Says that the requester is deactivated, to a caller who may read users anyway; anyone else is
     * told, as of a name nobody has, that no such user exists or they may not see it.
     */
    private void refuseIfDeactivated(String requester) {
        if (directory.findUser(requester).filter(user -> !user.active()).isPresent()) {
            String message =
                    "'" + requester + "' is deactivated and can be given no access; reactivate the user" + " first.";
            throw new ConflictException(message, List.of(new FieldIssue("requester", "inactive_user", message)));
        }
    }

    /**
     * The plan, with a problem added when the requester's role may not ask for access at all: the
     * dry run should not promise what the request itself would refuse.
     */
    private ApprovalPlan withRoleProblem(ApprovalPlan plan, String requester) {
        Role role = directory.findUser(requester).map(User::role).orElse(null);
        String problem;
        if (role == Role.AUDITOR) {
            problem = "'" + requester + "' is an auditor: auditors read requests but do not create them";
        } else if (role == Role.ENFORCER) {
            problem = "'" + requester + "' is an enforcement point: it asks for access on behalf of users,"
                    + " naming them in 'requester', and holds none itself";
        } else {
            return plan;
        }
        List<String> problems = new ArrayList<>(plan.problems());
        problems.add(problem);
        return new ApprovalPlan(
                plan.policyName(),
                plan.priority(),
                plan.reasons(),
                plan.limits(),
                plan.allowSelfApproval(),
                plan.distinctApproversAcrossSteps(),
                plan.autoApprovedBecause(),
                plan.steps(),
                List.copyOf(problems),
                plan.breakGlass());
    }

    private PolicyDefinition validated(PolicyDefinition input) {
        PolicyDefinition policy = PolicyNormalizer.normalize(input);
        new Problems().addAll(validator.validate(policy, "")).throwIfAny();
        return policy;
    }

    /** Starts a change of the policies named, none for a creation: their rows first, then the revision. */
    private void startChange(List<String> changed) {
        // the order a write with If-Match takes them in, having locked the row to compare its version
        store.lock(changed);
        store.bumpRevision();
        catalog.forgetAfterTransaction();
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only an administrator may change policies.");
        }
    }
}
