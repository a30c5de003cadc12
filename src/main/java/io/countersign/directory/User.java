package io.countersign.directory;

import io.countersign.shared.Role;

/** An identity known to Countersign. {@code level} and {@code manager} may be null. */
public record User(
        String username, String email, String displayName, String level, String manager, Role role, boolean active) {}
