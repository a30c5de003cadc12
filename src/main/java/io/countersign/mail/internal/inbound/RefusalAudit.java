package io.countersign.mail.internal.inbound;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.LoggedText;
import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.shared.Role;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Logs every refused reply and audits it as {@code mail.reply_refused} within the {@link
 * RefusalAuditLimiter}'s allowance. Anyone can write to the mailbox under any From address, and the
 * hash-chained log is sealed one row at a time, so the allowance is keyed by nothing a stranger
 * chooses: by the user and reason when the trusted authentication service vouched for an address
 * that belongs to exactly one active user, otherwise by the reason alone. A flood of forged or
 * unknown mail then yields one row per reason a minute, and hides nothing of a vouched-for user's.
 * Called in the transaction that records the message, so the row commits with that record.
 */
@Component
class RefusalAudit {

    private static final Logger log = LoggerFactory.getLogger(RefusalAudit.class);
    private static final Actor MAIL_READER = new Actor("system", Role.ADMIN, Channel.EMAIL, null);
    /** The allowance shared by every sender nobody vouched for. */
    private static final String ANY_SENDER = "mail";

    private final Directory directory;
    private final ApplicationEventPublisher events;
    private final RefusalAuditLimiter limiter;

    RefusalAudit(Directory directory, ApplicationEventPublisher events, Clock clock) {
        this.directory = directory;
        this.events = events;
        this.limiter = new RefusalAuditLimiter(clock);
    }

    void refused(Reading reading, String requestId, String reason) {
        // whoever wrote the message chose its From address, terminal escapes and line breaks included
        String sender =
                reading.sender() == null ? null : LoggedText.printable(reading.sender(), ReplyParser.MAX_ADDRESS);
        // reasons are the service's own words and never carry the reply code
        log.info(
                "Refused a reply by mail from {}{}: {}",
                sender == null ? "an unreadable sender" : sender,
                requestId == null ? "" : " about " + requestId,
                reason);
        OptionalLong heldBack = limiter.admit(source(reading), reason);
        if (heldBack.isPresent()) {
            events.publishEvent(new MailReplyRefused(MAIL_READER, requestId, sender, reason, heldBack.getAsLong()));
        }
    }

    private String source(Reading reading) {
        if (!reading.authenticated()) {
            return ANY_SENDER;
        }
        List<User> owners = directory.activeUsersWithEmail(reading.sender());
        return owners.size() != 1
                ? ANY_SENDER
                : directory.idOf(owners.get(0).username()).orElse(ANY_SENDER);
    }
}
