package io.countersign.policy;

import java.util.List;

/** What {@link Policies#upsertAll} did: the names it created and the names it replaced. */
public record ImportResult(List<String> created, List<String> replaced) {}
