package io.countersign.policy;

import io.countersign.policy.internal.Glob;
import java.util.Optional;

/**
 * A name glob with the exact semantics of policy conditions ({@code *} any run, {@code ?} one
 * character), for other modules that select resources by name, so that one pattern means the same
 * everywhere.
 */
public final class NamePattern {

    private final Glob glob;

    private NamePattern(Glob glob) {
        this.glob = glob;
    }

    /** Why a canonical (trimmed, lower-case) pattern is not acceptable, if it is not. */
    public static Optional<String> syntaxError(String pattern) {
        return Glob.syntaxError(pattern);
    }

    /** Compiles a pattern that {@link #syntaxError} accepted. */
    public static NamePattern compile(String pattern) {
        return new NamePattern(Glob.compile(pattern));
    }

    public boolean matches(String name) {
        return name != null && glob.matches(name);
    }

    @Override
    public String toString() {
        return glob.pattern();
    }
}
