package io.countersign.mail;

import io.countersign.mail.internal.MailSessions;
import io.countersign.mail.internal.ServerMessages;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.springframework.stereotype.Component;

/**
 * Hands a composed message to the SMTP server of the current settings. A failure throws {@link
 * MailNotSent} with the server's own answer, so that whoever retries can say why.
 */
@Component
public class Mailer {

    private final MailSettingsService settings;
    private final MailSessions sessions;

    Mailer(MailSettingsService settings, MailSessions sessions) {
        this.settings = settings;
        this.sessions = sessions;
    }

    public void send(MimeMessage message) {
        MailSettings.Smtp smtp = settings.current().smtp();
        if (smtp == null) {
            throw new MailNotSent("No SMTP server is configured (settings › mail).", null);
        }
        send(message, smtp);
    }

    void send(MimeMessage message, MailSettings.Smtp smtp) {
        try (Transport transport = sessions.smtp(smtp).getTransport("smtp")) {
            transport.connect(smtp.host(), smtp.port(), smtp.login() ? smtp.username() : null, password(smtp));
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            throw new MailNotSent(ServerMessages.of(e), e);
        }
    }

    private static String password(MailSettings.Smtp smtp) {
        if (!smtp.login()) {
            return null;
        }
        return smtp.password() == null ? "" : smtp.password();
    }
}
