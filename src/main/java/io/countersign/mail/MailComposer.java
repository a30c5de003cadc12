package io.countersign.mail;

import io.countersign.mail.internal.Addresses;
import io.countersign.mail.internal.ApprovalLetter;
import io.countersign.mail.internal.BreakGlassLetter;
import io.countersign.mail.internal.GrantEndingLetter;
import io.countersign.mail.internal.InstanceProperties;
import io.countersign.mail.internal.Letter;
import io.countersign.mail.internal.Letterhead;
import io.countersign.mail.internal.MimeMessages;
import io.countersign.mail.internal.OutcomeLetter;
import io.countersign.mail.internal.RefusalLetter;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Composes every mail Countersign sends, from plain values, with the current settings' sender and
 * instance name. Nothing is sent here: {@link Mailer} sends what this returns.
 */
@Component
public class MailComposer {

    // an action token: letters and digits only, so that it can stand in an address's local part
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{16,128}");

    private final MailSettingsService settings;
    private final InstanceProperties instance;
    private final Clock clock;

    MailComposer(MailSettingsService settings, InstanceProperties instance, Clock clock) {
        this.settings = settings;
        this.instance = instance;
        this.clock = clock;
    }

    /**
     * Asks an approver to decide. Replies go to the sender's address with {@code +<token>} added to
     * its local part, and the token is repeated in the body, for the reader to find whichever survives;
     * a step that takes no decision by mail gets no reply address of its own.
     */
    public ComposedMail approvalRequest(ApprovalNotice notice) {
        if (notice.actionToken() != null && !TOKEN.matcher(notice.actionToken()).matches()) {
            throw new IllegalArgumentException("an action token has 16 to 128 letters and digits");
        }
        MailSettings current = configured();
        String replyTo = current.approveByMail() && notice.actionToken() != null
                ? Addresses.withTag(Addresses.parse(current.smtp().from()).getAddress(), notice.actionToken())
                : null;
        ComposedMail mail = aboutRequest(
                current,
                notice.requestId(),
                String.valueOf(notice.stepNumber()),
                "Access Approval Notification",
                notice.recipientAddress(),
                notice.recipient(),
                replyTo,
                head -> ApprovalLetter.write(notice, head));
        return new ComposedMail(mail.message(), mail.messageId(), replyTo != null);
    }

    /** Tells a requester that their request was approved, rejected, cancelled or expired. */
    public ComposedMail outcome(OutcomeNotice notice) {
        return aboutRequest(
                configured(),
                notice.requestId(),
                "outcome",
                "Access Request " + notice.outcome().word(),
                notice.requesterAddress(),
                notice.requester(),
                null,
                head -> OutcomeLetter.write(notice, head));
    }

    /** Warns a holder that their grant ends soon. */
    public ComposedMail grantEnding(GrantEndingNotice notice) {
        return aboutRequest(
                configured(),
                notice.requestId(),
                "grant-ending",
                "Access Ending Soon",
                notice.holderAddress(),
                notice.holder(),
                null,
                head -> GrantEndingLetter.write(notice, head));
    }

    /** Tells someone of a break-glass use: taken, to be reviewed, or not reviewed in time. */
    public ComposedMail breakGlassUsed(BreakGlassNotice notice) {
        return aboutRequest(
                configured(),
                notice.requestId(),
                "break-glass",
                switch (notice.why()) {
                    case USED -> "Break-Glass Access Used";
                    case REVIEW -> "Break-Glass Access To Review";
                    case OVERDUE -> "Break-Glass Review Overdue";
                },
                notice.recipientAddress(),
                notice.recipient(),
                null,
                head -> BreakGlassLetter.write(notice, head));
    }

    /** A mail to one person about one request: {@code <instance> - <topic> - #<request id>}. */
    private ComposedMail aboutRequest(
            MailSettings current,
            String requestId,
            String kind,
            String topic,
            String to,
            Person person,
            String replyTo,
            Function<Letterhead, Letter> body) {
        MimeMessages mime = new MimeMessages(sender(current));
        String id = mime.messageId(requestId, kind);
        mime.to(to, person == null ? null : person.displayName())
                .subject(current.instanceName() + " - " + topic + " - #" + MimeMessages.idPart(requestId));
        if (replyTo != null) {
            mime.replyTo(replyTo);
        }
        Letterhead head = letterhead(current);
        return compose(mime, id, body.apply(head), head);
    }

    /**
     * Answers a reply that decided nothing, in its thread, marked as an automatic answer so that a
     * well-behaved auto-responder does not answer it in turn.
     */
    public ComposedMail refusal(RefusalNotice notice) {
        MailSettings current = configured();
        MimeMessages mime = new MimeMessages(sender(current));
        String id = mime.messageId("refusal");
        String subject = notice.originalSubject() == null ? "" : MimeMessages.clean(notice.originalSubject());
        String references = notice.originalReferences() == null ? "" : notice.originalReferences() + " ";
        mime.to(notice.to(), null)
                .subject(subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject)
                .header("In-Reply-To", notice.originalMessageId())
                .header(
                        "References",
                        notice.originalMessageId() == null
                                ? blankToNull(references)
                                : references + notice.originalMessageId())
                .header("Auto-Submitted", "auto-replied")
                .header("X-Auto-Response-Suppress", "All");
        Letterhead head = letterhead(current);
        return compose(mime, id, RefusalLetter.write(notice, head), head);
    }

    /** The mail of the settings test: proof that the server takes mail from this sender. */
    ComposedMail test(MailSettings current, String to) {
        MimeMessages mime = new MimeMessages(sender(current));
        String id = mime.messageId("test");
        mime.to(to, null).subject(current.instanceName() + " - Test Mail");
        Letterhead head = letterhead(current);
        Letter letter = new Letter()
                .paragraph("This is a test mail from " + current.instanceName() + ". The SMTP settings work.")
                .field(
                        "Server",
                        current.smtp().host() + ":" + current.smtp().port() + " ("
                                + current.smtp().security() + ")")
                .field("Sender", current.smtp().from());
        return compose(mime, id, letter, head);
    }

    private ComposedMail compose(MimeMessages mime, String id, Letter letter, Letterhead head) {
        return new ComposedMail(mime.build(id, letter, head.now()), id, false);
    }

    private MailSettings configured() {
        MailSettings current = settings.current();
        if (current.smtp() == null) {
            throw new MailNotSent("No SMTP server is configured (settings › mail).", null);
        }
        return current;
    }

    private Letterhead letterhead(MailSettings current) {
        Instant now = clock.instant();
        return new Letterhead(
                current.instanceName(), instance.base(), current.approveByMail(), current.approveKeywords(), now);
    }

    /** The configured sender; named after the instance when the administrator gave it no name. */
    private static InternetAddress sender(MailSettings current) {
        InternetAddress from = Addresses.parse(current.smtp().from());
        if (from.getPersonal() != null) {
            return from;
        }
        try {
            return new InternetAddress(from.getAddress(), MimeMessages.clean(current.instanceName()), "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
