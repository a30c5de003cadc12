package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.util.List;

/**
 * A user who can no longer approve was taken out of the steps of a pending request still to be decided;
 * {@code approvalWithdrawnAt} is the open step whose approval by them (or on their behalf) no longer
 * counts, null when they had given none. {@code extendsGrant} is the grant an extension request asks
 * more time on; null for new access.
 */
public record RequestApproverWithdrawn(
        Actor actor,
        String requestId,
        String approver,
        List<Integer> steps,
        Integer approvalWithdrawnAt,
        String reason,
        String extendsGrant)
        implements AuditableEvent {

    public RequestApproverWithdrawn {
        steps = List.copyOf(steps);
    }

    @Override
    public String action() {
        return "request.approver_withdrawn";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        String places = steps.isEmpty()
                ? approver + " no longer approves"
                : approver + " is no longer an approver of step" + (steps.size() == 1 ? " " : "s ")
                        + String.join(
                                ", ",
                                steps.stream()
                                        .map(step -> String.valueOf(step + 1))
                                        .toList());
        String approval = approvalWithdrawnAt == null
                ? ""
                : "; the approval of step " + (approvalWithdrawnAt + 1) + " given by or for them no longer counts";
        return places + approval + ": " + reason;
    }

    /** The grant an extension request concerns, so that its audit row names that grant. */
    @Override
    public String grantId() {
        return extendsGrant;
    }
}
