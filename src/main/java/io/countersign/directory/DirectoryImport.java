package io.countersign.directory;

import io.countersign.shared.Actor;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import io.countersign.shared.Role;
import io.countersign.shared.Summaries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Creates or replaces levels, users and groups in bulk, for imports. {@link #prepare} checks a whole
 * bundle against the directory as it will be (users may name managers defined later in the same
 * bundle, groups may name its users); {@link #apply} writes it with a few batched statements. A users
 * section locks the active administrators' rows first, in the order a single user's write does.
 */
@Service
public class DirectoryImport {

    private final LevelStore levels;
    private final UserStore users;
    private final GroupStore groups;
    private final List<DirectoryReferences> references;
    private final ApplicationEventPublisher events;

    DirectoryImport(
            LevelStore levels,
            UserStore users,
            GroupStore groups,
            List<DirectoryReferences> references,
            ApplicationEventPublisher events) {
        this.levels = levels;
        this.users = users;
        this.groups = groups;
        this.references = references;
        this.events = events;
    }

    /**
     * Checks the sections and records every issue in {@code problems} with its path ({@code levels[2]},
     * {@code users[12].manager}, {@code groups[3].members[1]}). A null section is left as it is; a
     * levels section replaces the whole ordered list. {@code replaced} names what the same import
     * replaces among the uses other modules report (such as {@code policy:prod-access}): the import
     * checks those against the levels it leaves, so their stored form keeps no level it removes. Reads
     * only.
     */
    public DirectoryPlan prepare(
            List<String> levelInput,
            List<UserInput> userInput,
            List<GroupInput> groupInput,
            Set<String> replaced,
            Problems problems) {
        if (!userInput(userInput).isEmpty()) {
            // as a single user's demotion does, before the users are read: the check that an active
            // administrator remains then sees every demotion committed before, and one started after waits
            users.lockActiveAdmins();
        }
        if (levelInput != null) {
            // as a save of the list does, so that the two take turns rather than rank from stale lists
            levels.lock();
        }
        List<String> levelsBefore = levels.all();
        Problems levelProblems = new Problems();
        List<String> levelsAfter =
                levelInput == null ? levelsBefore : LevelRules.check(levelProblems, "levels", levelInput);
        problems.addAll(levelProblems.issues());
        Set<String> removed = new LinkedHashSet<>(levelsBefore);
        levelsAfter.forEach(removed::remove);
        Set<String> levelSet = Set.copyOf(levelsAfter);

        Map<String, User> usersBefore = index(users.all(), User::username);
        List<User> bundleUsers = normalizeUsers(userInput, problems);
        Map<String, User> usersAfter = new HashMap<>(usersBefore);
        bundleUsers.forEach(user -> usersAfter.put(user.username(), user));
        UserRules.Known known = new UserRules.Known() {
            @Override
            public boolean isLevel(String level) {
                return levelSet.contains(level);
            }

            @Override
            public boolean isUser(String username) {
                return usersAfter.containsKey(username);
            }

            @Override
            public String managerOf(String username) {
                User user = usersAfter.get(username);
                return user == null ? null : user.manager();
            }
        };
        for (int i = 0; i < userInput(userInput).size(); i++) {
            User user = userInput.get(i) == null ? null : UserRules.normalize(userInput.get(i));
            if (user != null) {
                UserRules.check(problems, "users[" + i + "].", user, known);
            }
        }
        if (levelProblems.isEmpty()) {
            // a section with an unreadable or invalid entry does not say which levels it keeps: every
            // level would look left out, so, as PUT /levels does, only its entries' issues are reported
            checkRemovedLevels(problems, removed, usersAfter, replaced);
        }
        checkAnAdministratorRemains(problems, userInput(userInput), usersBefore, usersAfter);

        Map<String, Group> groupsBefore = index(groups.all(), Group::name);
        List<Group> bundleGroups = normalizeGroups(groupInput, problems, usersAfter.keySet());
        Set<String> groupsAfter = new HashSet<>(groupsBefore.keySet());
        bundleGroups.forEach(group -> groupsAfter.add(group.name()));

        return new DirectoryPlan(
                levelsBefore,
                levelsAfter,
                removed,
                levelInput != null,
                changes(bundleUsers, usersBefore, User::username),
                usersBefore,
                usersAfter,
                bundleUsers.stream()
                        .filter(user -> !user.active())
                        .filter(user -> usersBefore.containsKey(user.username())
                                && usersBefore.get(user.username()).active())
                        .map(User::username)
                        .toList(),
                changes(bundleGroups, groupsBefore, Group::name),
                groupsAfter);
    }

    /**
     * Writes a plan that {@link #prepare} found free of problems, in the caller's transaction. It
     * publishes no audited event per entry (the importer records one event for the whole bundle),
     * but a user it changes is changed as through the API: one it deactivates loses their access and
     * tokens, one given another role has it from the next call. Levels it replaces are recorded as
     * through the API, since their order decides who a policy's minimum level lets approve.
     */
    public DirectoryImported apply(Actor actor, DirectoryPlan plan) {
        boolean reordered = plan.levelsGiven && !plan.levelsAfter.equals(plan.levelsBefore);
        if (reordered) {
            levels.rank(plan.levelsAfter, new HashSet<>(plan.levelsBefore));
        }
        // new users first, without managers, so that any user may name any other as manager
        users.insert(plan.usersCreated, false);
        users.update(plan.usersUpdated);
        users.setManagers(plan.usersCreated);
        users.idsOf(plan.usersDeactivated)
                .forEach((username, id) ->
                        events.publishEvent(new UserAccessEnded(actor, id, username, UserAccessEnded.DEACTIVATED)));
        Map<String, String> updatedIds =
                users.idsOf(plan.usersUpdated.stream().map(User::username).toList());
        plan.usersUpdated.forEach(after -> events.publishEvent(new UserChanged(
                actor, updatedIds.get(after.username()), plan.usersBefore.get(after.username()), after)));
        groups.insert(plan.groupsCreated);
        groups.update(plan.groupsUpdated);
        if (reordered) {
            // only now has every user left the removed levels
            levels.delete(plan.levelsRemoved);
            events.publishEvent(new LevelsReplaced(actor, plan.levelsBefore, plan.levelsAfter));
        }
        return new DirectoryImported(
                plan.levelsGiven ? plan.levelsAfter.size() : 0,
                new Upserted(
                        plan.usersCreated.stream()
                                .map(user -> user.username() + " (" + user.role() + ")")
                                .toList(),
                        plan.usersUpdated.stream()
                                .map(after -> UserUpdated.changes(plan.usersBefore.get(after.username()), after)
                                        .of(after.username()))
                                .toList(),
                        plan.usersUnchanged),
                new Upserted(
                        plan.groupsCreated.stream().map(Group::name).toList(),
                        plan.groupsUpdated.stream().map(Group::name).toList(),
                        plan.groupsUnchanged),
                plan.usersDeactivated);
    }

    /** The valid, first-named users of the section; later duplicates are reported. */
    private static List<User> normalizeUsers(List<UserInput> input, Problems problems) {
        Map<String, Integer> firstIndex = new HashMap<>();
        List<User> accepted = new ArrayList<>();
        for (int i = 0; i < userInput(input).size(); i++) {
            if (input.get(i) == null) {
                problems.add("users[" + i + "]", "required", "must be a user");
                continue;
            }
            User user = UserRules.normalize(input.get(i));
            if (!Names.isValid(user.username())) {
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(user.username(), i);
            if (earlier != null) {
                problems.add(
                        "users[" + i + "].username",
                        "duplicate",
                        "'" + user.username() + "' is already defined at users[" + earlier + "]");
                continue;
            }
            accepted.add(user);
        }
        return accepted;
    }

    private static List<Group> normalizeGroups(List<GroupInput> input, Problems problems, Set<String> usersAfter) {
        if (input == null) {
            return List.of();
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        List<Group> accepted = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            String prefix = "groups[" + i + "]";
            if (input.get(i) == null) {
                problems.add(prefix, "required", "must be a group");
                continue;
            }
            GroupRules.check(problems, prefix + ".", input.get(i), usersAfter::contains);
            Group group = GroupRules.normalize(input.get(i));
            if (!Names.isValid(group.name())) {
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(group.name(), i);
            if (earlier != null) {
                problems.add(
                        prefix + ".name",
                        "duplicate",
                        "'" + group.name() + "' is already defined at groups[" + earlier + "]");
                continue;
            }
            accepted.add(group);
        }
        return accepted;
    }

    private void checkRemovedLevels(
            Problems problems, Set<String> removed, Map<String, User> usersAfter, Set<String> replaced) {
        for (String level : removed) {
            List<String> holders = usersAfter.values().stream()
                    .filter(user -> level.equals(user.level()))
                    .map(User::username)
                    .sorted()
                    .toList();
            if (!holders.isEmpty()) {
                problems.add(
                        "levels",
                        "level_in_use",
                        "'" + level + "' is left out but still held by " + Summaries.names(holders));
            }
            for (DirectoryReferences module : references) {
                List<String> uses = module.usesOfLevel(level).stream()
                        .filter(use -> !replaced.contains(use))
                        .toList();
                if (!uses.isEmpty()) {
                    problems.add(
                            "levels",
                            "level_in_use",
                            "'" + level + "' is left out but still used by " + Summaries.names(uses));
                }
            }
        }
    }

    /** An import may demote administrators, but not every active one: nobody could administer any more. */
    private static void checkAnAdministratorRemains(
            Problems problems, List<UserInput> input, Map<String, User> before, Map<String, User> after) {
        boolean hadOne = before.values().stream().anyMatch(DirectoryImport::isActiveAdmin);
        boolean keepsOne = after.values().stream().anyMatch(DirectoryImport::isActiveAdmin);
        if (!hadOne || keepsOne) {
            return;
        }
        for (int i = 0; i < input.size(); i++) {
            UserInput entry = input.get(i);
            String username = entry == null ? null : Names.canonical(entry.username());
            User previous = username == null ? null : before.get(username);
            if (previous != null && isActiveAdmin(previous)) {
                problems.addAll(List.of(LastAdministrator.issue("users[" + i + "].", after.get(username))));
                return;
            }
        }
    }

    private static boolean isActiveAdmin(User user) {
        return user.role() == Role.ADMIN && user.active();
    }

    private static <T> DirectoryPlan.Changes<T> changes(
            List<T> entries, Map<String, T> before, Function<T, String> name) {
        List<T> created = new ArrayList<>();
        List<T> updated = new ArrayList<>();
        int unchanged = 0;
        for (T entry : entries) {
            T previous = before.get(name.apply(entry));
            if (previous == null) {
                created.add(entry);
            } else if (previous.equals(entry)) {
                unchanged++;
            } else {
                updated.add(entry);
            }
        }
        return new DirectoryPlan.Changes<>(created, updated, unchanged);
    }

    private static <T> Map<String, T> index(List<T> entries, Function<T, String> name) {
        Map<String, T> byName = new LinkedHashMap<>();
        entries.forEach(entry -> byName.put(name.apply(entry), entry));
        return byName;
    }

    private static List<UserInput> userInput(List<UserInput> input) {
        return input == null ? List.of() : input;
    }
}
