package io.countersign.web.pages;

import io.countersign.request.ActionTokenRefused.Reason;
import io.countersign.request.ActionTokenView;
import io.countersign.request.ActionTokens;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.shared.Role;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audits the uses of a decision link that decided nothing, as refused mail replies and chat decisions
 * are. Anyone can post to {@code /actions/…} as fast as they like, and the hash-chained log is
 * written one row at a time, so at most one refusal per reason a minute is recorded; the next one
 * recorded says how many were left out (kept in this instance's memory only).
 */
@Component
class LinkRefusals {

    private final ActionTokens tokens;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final RefusalAuditLimiter limiter;

    LinkRefusals(
            ActionTokens tokens,
            Clock clock,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager) {
        this.tokens = tokens;
        this.limiter = new RefusalAuditLimiter(clock);
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Records that the link with this token was refused for {@code reason}, from {@code sourceAddress}. */
    void refused(String token, Reason reason, String sourceAddress) {
        OptionalLong suppressed = limiter.admit("decision link", reason.name());
        if (suppressed.isEmpty()) {
            return;
        }
        // the person is told only that the link is unknown; the log may say whose token it was
        Optional<ActionTokenView> view = tokens.peek(token);
        String why = reason == Reason.UNKNOWN && view.isPresent()
                ? "a token sent by " + view.get().via() + " was used as a decision link"
                : reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        Actor actor = new Actor("system", Role.ADMIN, Channel.WEB, sourceAddress);
        String requestId = view.map(ActionTokenView::requestId).orElse(null);
        transactions.executeWithoutResult(
                tx -> events.publishEvent(new DecisionLinkRefused(actor, requestId, why, suppressed.getAsLong())));
    }
}
