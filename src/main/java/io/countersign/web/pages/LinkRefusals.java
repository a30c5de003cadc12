package io.countersign.web.pages;

import io.countersign.request.ActionTokenRefused.Reason;
import io.countersign.request.ActionTokenView;
import io.countersign.request.ActionTokens;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final ActionTokens tokens;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Map<Reason, Instant> opened = new EnumMap<>(Reason.class);
    private final Map<Reason, Long> heldBack = new EnumMap<>(Reason.class);

    LinkRefusals(
            ActionTokens tokens,
            Clock clock,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager) {
        this.tokens = tokens;
        this.clock = clock;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Records that the link with this token was refused for {@code reason}, from {@code sourceAddress}. */
    void refused(String token, Reason reason, String sourceAddress) {
        Optional<Long> suppressed = admit(reason);
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
                tx -> events.publishEvent(new DecisionLinkRefused(actor, requestId, why, suppressed.get())));
    }

    /** How many were held back before this one, when this one is to be recorded; empty to hold it back. */
    private synchronized Optional<Long> admit(Reason reason) {
        Instant now = clock.instant();
        Instant since = opened.get(reason);
        if (since != null && now.isBefore(since.plus(WINDOW))) {
            heldBack.merge(reason, 1L, Long::sum);
            return Optional.empty();
        }
        opened.put(reason, now);
        return Optional.of(Optional.ofNullable(heldBack.remove(reason)).orElse(0L));
    }
}
