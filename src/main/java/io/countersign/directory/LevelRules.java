package io.countersign.directory;

import io.countersign.shared.DistinctNames;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import java.util.ArrayList;
import java.util.List;

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
        DistinctNames distinct = new DistinctNames(field);
        for (int i = 0; i < raw.size(); i++) {
            String name = Names.canonical(raw.get(i));
            String path = field + "[" + i + "]";
            if (!Names.check(problems, name, path)) {
                continue;
            }
            if (distinct.first(problems, name, i)) {
                names.add(name);
            }
        }
        return names;
    }
}
