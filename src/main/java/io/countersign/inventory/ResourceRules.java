package io.countersign.inventory;

import io.countersign.shared.DistinctNames;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The rules for a resource, shared by the API and imports. Field paths get a prefix ({@code resources[3].}). */
final class ResourceRules {

    static final int MAX_LABELS = 64;

    private ResourceRules() {}

    /** The canonical resource: names lower-cased, lists sorted and distinct, labels sorted by key. */
    static Resource normalize(ResourceInput input) {
        TreeMap<String, String> labels = new TreeMap<>();
        if (input.labels() != null) {
            input.labels().forEach((key, value) -> labels.put(Names.canonical(key), value));
        }
        return new Resource(
                Names.canonical(input.name()),
                Names.canonical(input.type()),
                sorted(input.groups()),
                Collections.unmodifiableSortedMap(labels),
                sorted(input.owners()),
                sorted(input.accounts()));
    }

    /** Records every broken rule; positions are the caller's ({@code owners[1]}), not the sorted ones. */
    static void check(
            Problems problems,
            String prefix,
            ResourceInput input,
            Predicate<String> isUser,
            Predicate<String> isGroup) {
        Names.check(problems, Names.canonical(input.name()), prefix + "name");
        String type = Names.canonical(input.type());
        if (type == null || type.isEmpty()) {
            problems.add(prefix + "type", "required", "must be one of " + String.join(", ", ResourceTypes.ALL));
        } else {
            problems.check(
                    ResourceTypes.isKnown(type),
                    prefix + "type",
                    "unknown_type",
                    "is not a resource type; use one of " + String.join(", ", ResourceTypes.ALL));
        }
        checkNames(problems, prefix + "groups", input.groups(), isGroup, "unknown_group", "is not a known group");
        checkNames(problems, prefix + "owners", input.owners(), isUser, "unknown_user", "is not a known user");
        if (input.accounts() == null || input.accounts().isEmpty()) {
            problems.add(prefix + "accounts", "required", "must name at least one privileged account");
        } else {
            checkNames(problems, prefix + "accounts", input.accounts(), name -> true, null, null);
        }
        checkLabels(problems, prefix + "labels", input.labels());
    }

    private static void checkNames(
            Problems problems,
            String field,
            List<String> names,
            Predicate<String> exists,
            String code,
            String message) {
        if (names == null) {
            return;
        }
        DistinctNames distinct = new DistinctNames(field);
        for (int i = 0; i < names.size(); i++) {
            String name = Names.canonical(names.get(i));
            String path = field + "[" + i + "]";
            if (Names.check(problems, name, path) && distinct.first(problems, name, i)) {
                problems.check(exists.test(name), path, code, message);
            }
        }
    }

    private static void checkLabels(Problems problems, String field, Map<String, String> labels) {
        if (labels == null) {
            return;
        }
        problems.check(labels.size() <= MAX_LABELS, field, "too_many", "must have at most " + MAX_LABELS + " labels");
        Set<String> seen = new HashSet<>();
        labels.forEach((key, value) -> {
            String path = field + "." + key;
            String canonical = Names.canonical(key);
            if (Names.check(problems, canonical, path)) {
                problems.check(
                        seen.add(canonical),
                        path,
                        "duplicate",
                        "keys are case-insensitive; '" + canonical + "' repeats");
            }
            Labels.checkValue(problems, value, path);
        });
    }

    private static SortedSet<String> sorted(List<String> names) {
        TreeSet<String> sorted = new TreeSet<>();
        if (names != null) {
            names.stream().filter(name -> name != null).map(Names::canonical).forEach(sorted::add);
        }
        return Collections.unmodifiableSortedSet(sorted);
    }
}
