package io.countersign.directory;

import java.util.List;

/**
 * What an import did to the directory: the number of levels it set, its users and groups, and the
 * users it deactivated, by name.
 */
public record DirectoryImported(int levels, Upserted users, Upserted groups, List<String> usersDeactivated) {}
