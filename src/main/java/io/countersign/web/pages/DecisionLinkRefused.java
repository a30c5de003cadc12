package io.countersign.web.pages;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.RefusalAuditLimiter;

/**
 * A decision link was used and decided nothing. The note says why, and how many refusals like it
 * were left out of the log since the last one recorded; never the token.
 */
record DecisionLinkRefused(Actor actor, String requestId, String reason, long suppressed) implements AuditableEvent {

    @Override
    public String action() {
        return "web.decision_link_refused";
    }

    @Override
    public String target() {
        return requestId == null ? "web:decision-link" : "request:" + requestId;
    }

    @Override
    public String note() {
        return RefusalAuditLimiter.noted(reason, suppressed);
    }
}
