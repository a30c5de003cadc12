package io.countersign.mail.internal.inbound;

import io.countersign.directory.Directory;
import io.countersign.mail.MailComposer;
import io.countersign.mail.Mailer;
import io.countersign.mail.RefusalNotice;
import io.countersign.shared.RefusalAuditLimiter;
import java.time.Clock;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Answers a refused reply by mail, in its thread, through the SMTP server of the current settings;
 * only when the sender's address is an active user's, and at most once a minute for each address and
 * reason. Anyone can write to the mailbox naming any sender: answering strangers would let them
 * reflect spam off it at whomever they name, and answering every forged mail naming a user would let
 * them flood that user. Refusals are logged and audited all the same ({@link RefusalAudit}).
 */
@Component
class MailedRefusals implements RefusalReplies {

    private final MailComposer composer;
    private final Mailer mailer;
    private final Directory directory;
    private final RefusalAuditLimiter answered;

    MailedRefusals(MailComposer composer, Mailer mailer, Directory directory, Clock clock) {
        this.composer = composer;
        this.mailer = mailer;
        this.directory = directory;
        this.answered = new RefusalAuditLimiter(clock);
    }

    @Override
    public void send(RefusalReply reply) {
        // only active users' addresses are remembered, so the limiter holds few keys
        if (directory.activeUsersWithEmail(reply.to()).isEmpty()
                || answered.admit(reply.to().toLowerCase(Locale.ROOT), reply.reason())
                        .isEmpty()) {
            return;
        }
        mailer.send(composer.refusal(new RefusalNotice(
                        reply.to(),
                        reply.subject(),
                        reply.inReplyTo(),
                        null,
                        sentence(reply.reason()),
                        reply.requestId(),
                        reply.stillDecideThrough(),
                        reply.advice(),
                        reply.onlyReject()))
                .message());
    }

    /** "the reply code is unknown" becomes "The reply code is unknown.". */
    static String sentence(String reason) {
        String text = reason == null || reason.isBlank() ? "the reply could not be processed" : reason.trim();
        text = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
