package io.countersign.chat.internal;

import io.countersign.chat.ChatDecisionRefused;
import io.countersign.chat.ChatType;
import io.countersign.shared.RefusalAuditLimiter;
import java.time.Clock;
import java.util.OptionalLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audits a click or reply in a chat that decided nothing, as {@code chat.decision_refused}. One from
 * an account Countersign does not know, or about a button it never made, is audited at most once per
 * channel and reason a minute ({@link RefusalAuditLimiter}): anybody who can write to the bot could
 * send them as fast as they like. A known approver's refused attempt to decide is always audited.
 */
@Component
class DecisionRefusals {

    private final RefusalAuditLimiter limiter;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    DecisionRefusals(Clock clock, ApplicationEventPublisher events, PlatformTransactionManager transactionManager) {
        this.limiter = new RefusalAuditLimiter(clock);
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A refused attempt of a user Countersign knows: always audited. */
    void ofApprover(ChatType platform, String chatUser, String requestId, String why) {
        audit(platform, chatUser, requestId, why, 0);
    }

    /**
     * A refusal of an account Countersign does not know or of a button it never made, within the
     * allowance of the channel (a configured name) and the reason (one of a fixed few).
     */
    void ofStranger(ChatType platform, String channel, String chatUser, String requestId, String why) {
        OptionalLong heldBack = limiter.admit(platform.name() + " " + channel, why);
        if (heldBack.isPresent()) {
            audit(platform, chatUser, requestId, why, heldBack.getAsLong());
        }
    }

    private void audit(ChatType platform, String chatUser, String requestId, String why, long heldBack) {
        transactions.executeWithoutResult(tx -> events.publishEvent(new ChatDecisionRefused(
                ChatRefusals.system(platform, chatUser), platform, requestId, chatUser, why, heldBack)));
    }
}
