package io.countersign.mail;

import io.countersign.mail.internal.Addresses;
import io.countersign.mail.internal.ImapFolders;
import io.countersign.mail.internal.MailFailures;
import io.countersign.mail.internal.MailSessions;
import io.countersign.mail.internal.ServerMessages;
import io.countersign.shared.Actor;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.InvalidInputException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.springframework.stereotype.Service;

/**
 * Tests the saved settings the way they will be used: sends a test mail through SMTP, and logs in
 * to IMAP and opens the folder replies arrive in. Each part answers with the server's own error, or
 * with why the server could not be reached.
 */
@Service
public class MailServerCheck {

    private final MailSettingsService settings;
    private final MailComposer composer;
    private final Mailer mailer;
    private final MailSessions sessions;

    MailServerCheck(MailSettingsService settings, MailComposer composer, Mailer mailer, MailSessions sessions) {
        this.settings = settings;
        this.composer = composer;
        this.mailer = mailer;
        this.sessions = sessions;
    }

    public MailCheckResult run(Actor actor, String to) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only administrators test the mail settings.");
        }
        if (to == null || to.isBlank()) {
            // a recipient left out is a missing field, as everywhere else, not a malformed address
            throw InvalidInputException.of("to", "required", "must be given: one mail address such as ops@example.com");
        }
        if (to.length() > 320 || !Addresses.isValid(to)) {
            throw InvalidInputException.of("to", "invalid_address", "must be one mail address such as ops@example.com");
        }
        MailSettings current = settings.current();
        return new MailCheckResult(smtp(current, to.trim()), imap(current.imap()));
    }

    private MailCheckResult.Part smtp(MailSettings current, String to) {
        if (current.smtp() == null) {
            return MailCheckResult.Part.failed("No SMTP server is configured.");
        }
        try {
            mailer.send(composer.test(current, to).message(), current.smtp());
            return MailCheckResult.Part.passed();
        } catch (MailNotSent e) {
            return failed(e, e.getMessage());
        }
    }

    /**
     * A server that could not be reached is said as a delivery's error says it, not in Jakarta Mail's
     * words, which name the host and port; one that answered is quoted as {@code said}.
     */
    private static MailCheckResult.Part failed(Exception failure, String said) {
        String unreachable = MailFailures.unreachable(failure);
        return MailCheckResult.Part.failed(unreachable == null ? said : unreachable);
    }

    private MailCheckResult.Part imap(MailSettings.Imap imap) {
        if (imap == null) {
            return MailCheckResult.Part.failed("No IMAP server is configured.");
        }
        try (Store store = sessions.imap(imap).getStore("imap")) {
            store.connect(imap.host(), imap.port(), imap.username(), imap.password() == null ? "" : imap.password());
            Folder folder = ImapFolders.find(store, imap.folder());
            if (!folder.exists()) {
                return MailCheckResult.Part.failed("The folder '" + imap.folder() + "' does not exist on the server.");
            }
            folder.open(Folder.READ_ONLY);
            folder.close(false);
            return MailCheckResult.Part.passed();
        } catch (MessagingException | RuntimeException e) {
            return failed(e, ServerMessages.of(e));
        }
    }
}
