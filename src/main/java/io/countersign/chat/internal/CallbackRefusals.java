package io.countersign.chat.internal;

import io.countersign.chat.ChatCallbackAnswer;
import io.countersign.chat.ChatCallbackRefused;
import io.countersign.chat.ChatType;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.shared.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refuses a platform's call back that failed its authentication (or, authenticated, names no user): counts it in {@code
 * countersign.chat.callbacks.refused} (tags {@code platform}, {@code reason}), audits it as {@code
 * chat.callback_refused} within the {@link RefusalAuditLimiter}'s allowance, and answers {@code 401}.
 * The answer is the same whatever the reason, so that it tells a caller neither which channels exist
 * nor how close a forgery came; the reason goes to the metric and the audit only.
 */
@Component
public class CallbackRefusals {

    private static final Logger log = LoggerFactory.getLogger(CallbackRefusals.class);

    public static final String UNKNOWN_CHANNEL = "unknown";

    /** What every refused caller reads. */
    public static final String ANSWER =
            "Refused: the call back is not authenticated for this channel (signature, timestamp or secret"
                    + " token). Nothing was done.";

    /** Why a call back was refused, as audited. */
    public enum Reason {
        NO_SUCH_CHANNEL("no such channel"),
        BAD_SIGNATURE("bad signature"),
        STALE_TIMESTAMP("timestamp more than five minutes away"),
        WRONG_SECRET_TOKEN("wrong secret token"),
        /** Authenticated, but no platform user acted: the platform sends none such. */
        NO_USER("malformed: names no user");

        private final String audited;

        Reason(String audited) {
            this.audited = audited;
        }
    }

    private final RefusalAuditLimiter limiter;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    CallbackRefusals(
            Clock clock,
            MeterRegistry meters,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager) {
        this.limiter = new RefusalAuditLimiter(clock);
        this.meters = meters;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public ChatCallbackAnswer refuse(ChatType platform, String channel, Reason reason, String sourceAddress) {
        record(platform, channel, reason, sourceAddress);
        return ChatCallbackAnswer.refused(ANSWER);
    }

    /**
     * An authenticated call back that names no user who acted: no Slack or Telegram user did, so it
     * is audited as a malformed call back of its channel, not as a refusal of a user with an empty
     * name. Answered {@code 200}, as every authenticated call back is; nothing is read further.
     */
    public ChatCallbackAnswer malformed(ChatType platform, String channel, Reason reason, String sourceAddress) {
        log.warn("{} channel {}: a call back changed nothing: {}", platform, channel, reason.audited);
        record(platform, channel, reason, sourceAddress);
        return ChatCallbackAnswer.ok();
    }

    private void record(ChatType platform, String channel, Reason reason, String sourceAddress) {
        Counter.builder("countersign.chat.callbacks.refused")
                .description("Chat platform call backs refused before they were read")
                .tag("platform", platform.name().toLowerCase(Locale.ROOT))
                .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                .register(meters)
                .increment();
        // keyed by platform too: calls to unknown channels of Slack and of Telegram share the one name
        OptionalLong heldBack = limiter.admit(platform.name() + " " + channel, reason.name());
        if (heldBack.isPresent()) {
            Channel via = platform == ChatType.TELEGRAM ? Channel.TELEGRAM : Channel.SLACK;
            Actor actor = new Actor("system", Role.ADMIN, via, sourceAddress);
            transactions.executeWithoutResult(tx -> events.publishEvent(
                    new ChatCallbackRefused(actor, platform, channel, reason.audited, heldBack.getAsLong())));
        }
    }
}
