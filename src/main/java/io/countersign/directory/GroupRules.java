package io.countersign.directory;

import io.countersign.shared.DistinctNames;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The rules for a group, shared by the API and imports: a valid name, members and managers who exist,
 * each named once.
 */
final class GroupRules {

    private GroupRules() {}

    /** The canonical group with sorted lists. */
    static Group normalize(GroupInput input) {
        return new Group(Names.canonical(input.name()), canonical(input.members()), canonical(input.managers()));
    }

    /**
     * Records every broken rule; {@code raw} keeps the caller's positions so that an unknown user is
     * reported where it was written ({@code members[2]}).
     */
    static void check(Problems problems, String prefix, GroupInput raw, Predicate<String> isUser) {
        Names.check(problems, Names.canonical(raw.name()), prefix + "name");
        checkUsers(problems, prefix + "members", raw.members(), isUser);
        checkUsers(problems, prefix + "managers", raw.managers(), isUser);
    }

    private static void checkUsers(Problems problems, String field, List<String> usernames, Predicate<String> isUser) {
        if (usernames == null) {
            return;
        }
        DistinctNames distinct = new DistinctNames(field);
        for (int i = 0; i < usernames.size(); i++) {
            String name = Names.canonical(usernames.get(i));
            String path = field + "[" + i + "]";
            if (Names.check(problems, name, path) && distinct.first(problems, name, i)) {
                problems.check(isUser.test(name), path, "unknown_user", "is not a known user");
            }
        }
    }

    private static List<String> canonical(List<String> usernames) {
        if (usernames == null) {
            return List.of();
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String username : usernames) {
            if (username != null) {
                sorted.add(Names.canonical(username));
            }
        }
        return List.copyOf(sorted);
    }
}
