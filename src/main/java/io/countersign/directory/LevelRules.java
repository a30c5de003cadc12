package io.countersign.directory;

import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rules for the ordered list of levels: valid, distinct names. */
final class LevelRules {

    static final int MAX_LEVELS = 100;

    private LevelRules() {}

    /** The canonical names, in the given order; issues are reported as {@code field[i]}. */
    static List<String> check(Problems problems, String field, List<String> raw) {
        if (raw == null) {
            problems.add(field, "required", "must be a list of level names, lowest first");
            return List.of();
        }
        problems.check(raw.size() <= MAX_LEVELS, field, "too_many", "must have at most " + MAX_LEVELS + " levels");
        List<String> names = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String name = Names.canonical(raw.get(i));
            String path = field + "[" + i + "]";
            if (!Names.check(problems, name, path)) {
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(name, i);
            if (earlier != null) {
                problems.add(
                        path, "duplicate", "'" + name + "' is already entry " + (earlier + 1) + " of the " + field);
                continue;
            }
            names.add(name);
        }
        return names;
    }
}
