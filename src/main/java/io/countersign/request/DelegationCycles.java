package io.countersign.request;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses a delegation that would close a loop: following the delegations that run at some time in
 * the same period from the new delegate leads back to the delegator (A to B while B delegates to A,
 * or A to B, B to C, C to A). Chains are never followed when deciding, but a loop is always a mistake.
 */
final class DelegationCycles {

    private DelegationCycles() {}

    /** Whether a delegation from {@code delegatorId} to {@code delegateId} would close a loop among these. */
    static boolean wouldClose(String delegatorId, String delegateId, List<Delegation> overlapping) {
        Deque<String> next = new ArrayDeque<>(List.of(delegateId));
        Set<String> seen = new HashSet<>();
        while (!next.isEmpty()) {
            String person = next.pop();
            if (person.equals(delegatorId)) {
                return true;
            }
            if (seen.add(person)) {
                overlapping.stream()
                        .filter(d -> d.delegator().id().equals(person))
                        .forEach(d -> next.push(d.delegate().id()));
            }
        }
        return false;
    }
}
