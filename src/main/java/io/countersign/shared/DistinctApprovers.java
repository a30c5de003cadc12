package io.countersign.shared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether distinct people can cover several steps when one person may approve only one of them: a
 * bipartite matching between approval slots (step i has {@code required[i]} of them) and people,
 * found with augmenting paths. Small inputs (at most 20 steps of at most 100 approvals).
 */
public final class DistinctApprovers {

    private DistinctApprovers() {}

    /** The largest number of slots that can be filled by different people. */
    public static int assignable(List<Integer> required, List<Set<String>> eligible) {
        Map<String, Integer> people = new HashMap<>();
        List<int[]> candidatesPerStep = new ArrayList<>();
        for (Set<String> step : eligible) {
            int[] candidates = new int[step.size()];
            int i = 0;
            for (String person : step) {
                candidates[i++] = people.computeIfAbsent(person, ignored -> people.size());
            }
            candidatesPerStep.add(candidates);
        }
        int[] slotOfPerson = new int[people.size()];
        Arrays.fill(slotOfPerson, -1);
        List<int[]> slots = new ArrayList<>();
        for (int step = 0; step < required.size(); step++) {
            for (int k = 0; k < required.get(step); k++) {
                slots.add(candidatesPerStep.get(step));
            }
        }
        int filled = 0;
        for (int slot = 0; slot < slots.size(); slot++) {
            if (augment(slot, slots, slotOfPerson, new boolean[people.size()])) {
                filled++;
            }
        }
        return filled;
    }

    private static boolean augment(int slot, List<int[]> slots, int[] slotOfPerson, boolean[] visited) {
        for (int person : slots.get(slot)) {
            if (visited[person]) {
                continue;
            }
            visited[person] = true;
            if (slotOfPerson[person] < 0 || augment(slotOfPerson[person], slots, slotOfPerson, visited)) {
                slotOfPerson[person] = slot;
                return true;
            }
        }
        return false;
    }
}
