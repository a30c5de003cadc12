package io.countersign.directory;

import io.countersign.shared.Role;

/** What a caller supplies to create or replace a user; {@code active} defaults to true. */
public record UserInput(
        String username, String email, String displayName, String level, String manager, Role role, Boolean active) {}
