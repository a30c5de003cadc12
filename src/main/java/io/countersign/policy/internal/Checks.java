package io.countersign.policy.internal;

import io.countersign.directory.DirectoryNames;
import io.countersign.policy.NotifyChannels;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import java.time.Duration;
import java.util.List;

/**
 * The problems of one policy, with field paths under the caller's prefix, and the checks that
 * several parts of a policy share: references to the directory and bounded durations.
 */
final class Checks {

    final Problems problems = new Problems();
    private final String prefix;
    private final DirectoryNames directory;
    final NotifyChannels channels;

    Checks(String prefix, DirectoryNames directory, NotifyChannels channels) {
        this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix + ".";
        this.directory = directory;
        this.channels = channels;
    }

    String path(String field) {
        return prefix + field;
    }

    void add(String field, String code, String message) {
        problems.add(path(field), code, message);
    }

    boolean require(boolean ok, String field, String code, String message) {
        return problems.check(ok, path(field), code, message);
    }

    boolean bounded(int size, int max, String field) {
        return require(size <= max, field, "too_many", "must have at most " + max + " entries");
    }

    void groups(List<String> groups, String field) {
        if (!bounded(groups.size(), PolicyValidator.MAX_LIST, field)) {
            return;
        }
        for (int i = 0; i < groups.size(); i++) {
            group(groups.get(i), field + "[" + i + "]");
        }
    }

    void group(String group, String field) {
        if (Names.check(problems, group, path(field))) {
            require(directory.isGroup(group), field, "unknown_group", "no group '" + group + "' exists");
        }
    }

    void level(String level, String field) {
        if (Names.check(problems, level, path(field))) {
            require(
                    directory.isLevel(level),
                    field,
                    "unknown_level",
                    "no level '" + level + "' is configured; levels are " + directory.levels());
        }
    }

    void user(String username, String field) {
        if (Names.check(problems, username, path(field))) {
            require(directory.isUser(username), field, "unknown_user", "no user '" + username + "' exists");
        }
    }

    boolean duration(Duration value, String field) {
        return problems.positiveWholeSeconds(value, path(field))
                && require(
                        value.compareTo(PolicyValidator.MAX_LIMIT) <= 0,
                        field,
                        "too_long",
                        "must be at most " + PolicyValidator.MAX_LIMIT + " (30 days)");
    }
}
