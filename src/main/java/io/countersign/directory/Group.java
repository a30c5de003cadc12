package io.countersign.directory;

import java.util.List;

/** A team: its members and the managers who approve for it. Both lists are sorted. */
public record Group(String name, List<String> members, List<String> managers) {

    public Group {
        members = List.copyOf(members);
        managers = List.copyOf(managers);
    }
}
