package io.countersign.mail.internal.inbound;

import io.countersign.mail.RefusalNotice.Advice;
import io.countersign.mail.internal.inbound.RefusalReplies.RefusalReply;
import io.countersign.mail.internal.inbound.ReplyDecider.Outcome;
import io.countersign.shared.Channel;
import io.countersign.shared.CountersignException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one message: records it as processed, has the decider apply it or refuses it, and logs and
 * audits a refusal ({@link RefusalAudit}), all in one transaction. A message recorded before is left alone, so a message read again
 * after a crash between deciding and deleting is never applied twice.
 */
@Component
class ReplyProcessor {

    private static final Logger log = LoggerFactory.getLogger(ReplyProcessor.class);

    /** What happened to a message; {@code answer} is the refusal to mail back, if any. */
    record Result(boolean applied, boolean decided, RefusalReply answer) {

        static final Result ALREADY_PROCESSED = new Result(false, false, null);
    }

    private final ProcessedReplies processed;
    private final ObjectProvider<ReplyDecider> decider;
    private final RefusalAudit audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final InboundMailProperties properties;
    private final ObjectProvider<InboundSettingsSource> settings;

    ReplyProcessor(
            ProcessedReplies processed,
            ObjectProvider<ReplyDecider> decider,
            ObjectProvider<InboundSettingsSource> settings,
            RefusalAudit audit,
            PlatformTransactionManager transactions,
            Clock clock,
            InboundMailProperties properties) {
        this.processed = processed;
        this.decider = decider;
        this.settings = settings;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.properties = properties;
    }

    /** Whether a decider is wired; without one, replies are left in the folder. */
    boolean ready() {
        return decider.getIfAvailable() != null;
    }

    Set<String> alreadyProcessed(Collection<String> keys) {
        return processed.processedAmong(keys);
    }

    /** What the message says, read with the settings of this pass; whatever it holds is at worst refused. */
    Reading read(byte[] raw, InboundSettings settings) {
        ReplyParser parser = new ReplyParser(
                new ReplyWords(settings.approveKeywords(), properties.maxCommentLength()),
                (int) properties.maxMessageSize().toBytes(),
                properties.trustedAuthservId());
        return parser.read(raw);
    }

    /**
     * Applies the message. Throws only when the database could not record it, or when Approve by Mail
     * has been switched off ({@link ApproveByMailOff}); then the message stays in the folder.
     */
    Result process(String key, Reading reading) {
        try {
            return transaction.execute(status -> apply(key, reading));
        } catch (DuplicateKeyException recordedMeanwhile) {
            return Result.ALREADY_PROCESSED;
        } catch (DataAccessException | ApproveByMailOff leftInTheFolder) {
            throw leftInTheFolder;
        } catch (RuntimeException failed) {
            // the decision was rolled back; the message is refused rather than retried for ever
            String reason = failed instanceof CountersignException known && known.getMessage() != null
                    ? known.getMessage()
                    : "the reply could not be processed";
            if (!(failed instanceof CountersignException)) {
                log.warn("Applying a reply to {} failed; it is refused", reading.requestId(), failed);
            }
            return transaction.execute(status -> {
                processed.claim(key, clock.instant());
                return refuse(key, reading, reading.requestId(), reason);
            });
        }
    }

    private Result apply(String key, Reading reading) {
        if (!settings.getObject().stillReading()) {
            throw new ApproveByMailOff();
        }
        processed.claim(key, clock.instant());
        if (reading.reply() == null) {
            return refuse(key, reading, reading.requestId(), reading.refusal());
        }
        Outcome outcome = decider.getObject().decide(reading.reply());
        String requestId = outcome.requestId() != null ? outcome.requestId() : reading.requestId();
        if (!outcome.decided()) {
            return refuse(key, reading, requestId, outcome.reason(), outcome.stillRejectThrough());
        }
        processed.settle(key, requestId, ProcessedReplies.Outcome.DECIDED, null);
        return new Result(true, true, null);
    }

    private Result refuse(String key, Reading reading, String named, String reason) {
        return refuse(key, reading, named, reason, List.of());
    }

    /** {@code stillRejectThrough} names where the sender may still reject, when their approval was refused. */
    private Result refuse(String key, Reading reading, String named, String reason, List<Channel> stillRejectThrough) {
        String requestId = named == null || decider.getObject().knows(named) ? named : null;
        ProcessedReplies.Outcome outcome =
                reading.automatic() ? ProcessedReplies.Outcome.AUTOMATIC : ProcessedReplies.Outcome.REFUSED;
        processed.settle(key, requestId, outcome, reason);
        audit.refused(reading, requestId, reason);
        if (reading.unanswered() || reading.sender() == null) {
            return new Result(true, false, null);
        }
        // a reply that names no request may still carry the sender's own code, which names it
        String about = requestId == null && reading.token() != null
                ? decider.getObject()
                        .requestOf(reading.token(), reading.sender())
                        .orElse(null)
                : requestId;
        // a subject of our own: whoever wrote to the mailbox must not choose what it sends in its name
        String subject = "Your reply was not applied" + (about == null ? "" : " (" + about + ")");
        List<Channel> open = !stillRejectThrough.isEmpty() || reading.token() == null || about == null
                ? stillRejectThrough
                : decider.getObject().stillOpenTo(reading.token(), about, reading.sender());
        Advice advice = Advice.NONE;
        if (reading.unplaced() && (reading.token() == null || about == null)) {
            // a step that takes no mail sends no reply code: how to reply with one would be no help
            List<Channel> elsewhere =
                    about == null ? List.of() : decider.getObject().decidedOnlyElsewhere(about, reading.sender());
            if (!elsewhere.isEmpty()) {
                open = elsewhere;
            } else {
                advice = reading.token() == null
                                && about != null
                                && decider.getObject().askedOnlyWithoutCode(about, reading.sender())
                        ? Advice.CODE_TO_FOLLOW
                        : Advice.HOW_TO_REPLY;
            }
        }
        return new Result(
                true,
                false,
                new RefusalReply(
                        reading.sender(),
                        subject,
                        reading.messageId(),
                        reason,
                        about,
                        open,
                        advice,
                        !stillRejectThrough.isEmpty()));
    }
}
