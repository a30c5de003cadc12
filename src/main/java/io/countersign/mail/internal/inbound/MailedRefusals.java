package io.countersign.mail.internal.inbound;

import io.countersign.directory.Directory;
import io.countersign.mail.MailComposer;
import io.countersign.mail.Mailer;
import io.countersign.mail.RefusalNotice;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Answers a refused reply by mail, in its thread, through the SMTP server of the current settings;
 * only when the sender's address is an active user's. Anyone can write to the mailbox naming any
 * sender and subject: answering strangers would let them reflect spam off it at whomever they name.
 * Their refusal is audited all the same.
 */
@Component
class MailedRefusals implements RefusalReplies {

    private final MailComposer composer;
    private final Mailer mailer;
    private final Directory directory;

    MailedRefusals(MailComposer composer, Mailer mailer, Directory directory) {
        this.composer = composer;
        this.mailer = mailer;
        this.directory = directory;
    }

    @Override
    public void send(RefusalReply reply) {
        if (directory.activeUsersWithEmail(reply.to()).isEmpty()) {
            return;
        }
        mailer.send(composer.refusal(new RefusalNotice(
                        reply.to(), reply.subject(), reply.inReplyTo(), null, sentence(reply.reason())))
                .message());
    }

    /** "the reply code is unknown" becomes "The reply code is unknown.". */
    static String sentence(String reason) {
        String text = reason == null || reason.isBlank() ? "the reply could not be processed" : reason.trim();
        text = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
