package io.countersign.directory;

import java.util.List;

/** What a caller supplies to create or replace a group; missing lists mean none. */
public record GroupInput(String name, List<String> members, List<String> managers) {}
