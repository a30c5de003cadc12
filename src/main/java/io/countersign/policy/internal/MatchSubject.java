package io.countersign.policy.internal;

import java.util.Map;
import java.util.Set;

/** What a policy's conditions are checked against; every name is canonical. */
public record MatchSubject(
        String requester,
        Set<String> requesterGroups,
        String resource,
        String resourceType,
        Set<String> resourceGroups,
        Map<String, String> resourceLabels,
        String account) {}
