package io.countersign.policy;

import java.util.List;

/**
 * What {@link Policies#upsertAll} did: the names it created, the names it replaced with a new
 * definition, and the names it found already as given.
 */
public record ImportResult(List<String> created, List<String> replaced, List<String> unchanged) {}
