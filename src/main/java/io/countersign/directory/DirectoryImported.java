package io.countersign.directory;

/** What an import did to the directory: the number of levels it set, and its users and groups. */
public record DirectoryImported(int levels, Upserted users, Upserted groups) {}
