package io.countersign.bundle;

import io.countersign.shared.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What an import would change, kind by kind, with names: found by comparing the configuration
 * exported before and after applying the bundle in a transaction that is then rolled back.
 */
public record ImportPreview(Changes levels, Changes users, Changes groups, Changes resources, Changes policies) {

    /**
     * The names an import creates, changes or removes, and those the bundle names that it leaves as
     * they are. Entries the bundle does not name and that it leaves alone are not listed.
     */
    public record Changes(List<String> created, List<String> updated, List<String> deleted, List<String> unchanged) {

        public boolean changesNothing() {
            return created.isEmpty() && updated.isEmpty() && deleted.isEmpty();
        }
    }

    /** Whether applying the bundle would change nothing at all. */
    public boolean changesNothing() {
        return levels.changesNothing()
                && users.changesNothing()
                && groups.changesNothing()
                && resources.changesNothing()
                && policies.changesNothing();
    }

    static ImportPreview between(Bundle before, Bundle after, Bundle given) {
        return new ImportPreview(
                levels(before.levels(), after.levels(), given.levels()),
                compare(before.users(), after.users(), given.users(), u -> u.username()),
                compare(before.groups(), after.groups(), given.groups(), g -> g.name()),
                compare(before.resources(), after.resources(), given.resources(), r -> r.name()),
                compare(before.policies(), after.policies(), given.policies(), p -> p.name()));
    }

    /** A level whose rank moves counts as updated. */
    private static Changes levels(List<String> before, List<String> after, List<String> given) {
        Map<String, Integer> rankBefore = ranks(before);
        Map<String, Integer> rankAfter = ranks(after);
        return diff(rankBefore, rankAfter, given == null ? Set.of() : canonical(given, s -> s));
    }

    private static <T> Changes compare(List<T> before, List<T> after, List<T> given, Function<T, String> name) {
        return diff(byName(before, name), byName(after, name), given == null ? Set.of() : canonical(given, name));
    }

    private static Changes diff(Map<String, ?> before, Map<String, ?> after, Set<String> named) {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        after.forEach((key, value) -> {
            if (!before.containsKey(key)) {
                created.add(key);
            } else if (!Objects.equals(before.get(key), value)) {
                updated.add(key);
            } else if (named.contains(key)) {
                unchanged.add(key);
            }
        });
        before.keySet().stream().filter(key -> !after.containsKey(key)).forEach(deleted::add);
        return new Changes(sorted(created), sorted(updated), sorted(deleted), sorted(unchanged));
    }

    private static <T> Map<String, T> byName(List<T> entries, Function<T, String> name) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T entry : entries == null ? List.<T>of() : entries) {
            map.put(name.apply(entry), entry);
        }
        return map;
    }

    private static Map<String, Integer> ranks(List<String> levels) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (int i = 0; i < (levels == null ? 0 : levels.size()); i++) {
            ranks.put(levels.get(i), i);
        }
        return ranks;
    }

    /** The names the bundle gives, in the canonical form the stored entries have. */
    private static <T> Set<String> canonical(List<T> given, Function<T, String> name) {
        Set<String> names = new HashSet<>();
        for (T entry : given) {
            String raw = entry == null ? null : name.apply(entry);
            if (raw != null) {
                names.add(Names.canonical(raw));
            }
        }
        return names;
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
