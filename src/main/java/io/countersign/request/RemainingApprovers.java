package io.countersign.request;

import io.countersign.policy.OnTimeout;
import io.countersign.shared.Channel;
import io.countersign.shared.DistinctApprovers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Whether the steps a request still needs can get their approvals from different people, when its
 * policy wants distinct approvers across steps: an approval uses its approver (and the approver a
 * delegate decides for) up for every later step, so one approval may leave a later step nobody but
 * people who already decided. Explain called the request feasible; an approval alone never ends it.
 */
final class RemainingApprovers {

    private RemainingApprovers() {}

    /**
     * The first later step that the open steps could still cover together before this approval of the
     * current step, and no longer after it; empty when the approval leaves every step as it found it.
     * A step already short of approvers for other reasons is not the approval's doing: the request is
     * rejected when that step starts, as before.
     */
    static OptionalInt strandedBy(AccessRequest request, String userId, String username, Participant onBehalfOf) {
        if (!request.rules().distinctApproversAcrossSteps()) {
            return OptionalInt.empty();
        }
        int current = request.currentStep();
        List<Decision> before = request.decisions();
        List<Decision> after = new ArrayList<>(before);
        // the approval as it would be recorded: only who gives it, for whom and on which step count here
        after.add(new Decision(
                username,
                userId,
                current,
                Verdict.APPROVE,
                null,
                Channel.API,
                request.details().createdAt(),
                null,
                onBehalfOf));
        for (int last = current + 1; last < request.steps().size(); last++) {
            if (!coverable(request, before, last)) {
                return OptionalInt.empty();
            }
            if (!coverable(request, after, last)) {
                return OptionalInt.of(last);
            }
        }
        return OptionalInt.empty();
    }

    /** Whether distinct people may still give the approvals missing from the current step up to {@code last}. */
    private static boolean coverable(AccessRequest request, List<Decision> decisions, int last) {
        List<Integer> missing = new ArrayList<>();
        List<Set<String>> eligible = new ArrayList<>();
        for (int i = request.currentStep(); i <= last; i++) {
            RequestStep step = request.steps().get(i);
            int needed = step.requiredApprovals() - StepTally.approvals(decisions, i);
            if (step.autoApprovedBecause() != null || needed <= 0) {
                continue;
            }
            missing.add(needed);
            eligible.add(whoMayApprove(request, step, i, decisions));
        }
        int total = missing.stream().mapToInt(Integer::intValue).sum();
        return DistinctApprovers.assignable(missing, eligible) >= total;
    }

    /** The step's approvers, and those its timeout would still escalate to, that the rules let approve it. */
    private static Set<String> whoMayApprove(
            AccessRequest request, RequestStep step, int index, List<Decision> decisions) {
        List<Participant> people = new ArrayList<>(step.approvers());
        if (step.onTimeout() == OnTimeout.ESCALATE && !step.escalated()) {
            people.addAll(step.escalation());
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Participant person : people) {
            if (SeparationOfDuties.letsApprove(
                    request.rules(), request.details().requesterId(), decisions, person.id(), index)) {
                allowed.add(person.id());
            }
        }
        return allowed;
    }
}
