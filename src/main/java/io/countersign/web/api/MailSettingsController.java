package io.countersign.web.api;

import io.countersign.mail.MailCheckResult;
import io.countersign.mail.MailSecurity;
import io.countersign.mail.MailServerCheck;
import io.countersign.mail.MailSettings;
import io.countersign.mail.MailSettingsInput;
import io.countersign.mail.MailSettingsService;
import io.countersign.shared.Actor;
import io.countersign.shared.FieldIssue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The mail server settings and their test. Administrators only; passwords are write-only. */
@Tag(name = "Mail settings", description = "The SMTP and IMAP servers and approval by mail.")
@RestController
@RequestMapping("/api/v1/settings/mail")
class MailSettingsController {

    record TestRequest(String to) {}

    record SmtpResponse(
            String host,
            Integer port,
            MailSecurity security,
            String username,
            boolean passwordSet,
            String from,
            String trustedCertificate) {}

    record ImapResponse(
            String host,
            int port,
            MailSecurity security,
            String username,
            boolean passwordSet,
            String folder,
            String trustedCertificate) {}

    record MailSettingsResponse(
            SmtpResponse smtp,
            ImapResponse imap,
            boolean approveByMail,
            List<String> approveKeywords,
            String instanceName) {

        static MailSettingsResponse of(MailSettings settings) {
            MailSettings.Smtp smtp = settings.smtp();
            MailSettings.Imap imap = settings.imap();
            return new MailSettingsResponse(
                    smtp == null
                            ? new SmtpResponse(null, null, MailSecurity.STARTTLS, null, false, null, null)
                            : new SmtpResponse(
                                    smtp.host(),
                                    smtp.port(),
                                    smtp.security(),
                                    smtp.username(),
                                    smtp.password() != null,
                                    smtp.from(),
                                    smtp.trustedCertificate()),
                    imap == null
                            ? new ImapResponse(null, 993, MailSecurity.TLS, null, false, "INBOX", null)
                            : new ImapResponse(
                                    imap.host(),
                                    imap.port(),
                                    imap.security(),
                                    imap.username(),
                                    imap.password() != null,
                                    imap.folder(),
                                    imap.trustedCertificate()),
                    settings.approveByMail(),
                    settings.approveKeywords(),
                    settings.instanceName());
        }
    }

    private final MailSettingsService settings;
    private final MailServerCheck check;

    MailSettingsController(MailSettingsService settings, MailServerCheck check) {
        this.settings = settings;
        this.check = check;
    }

    @Operation(operationId = "getMailSettings", summary = "Read the mail settings (passwords never shown)")
    @GetMapping
    @ReadOfObject
    MailSettingsResponse get() {
        return MailSettingsResponse.of(settings.current());
    }

    @Operation(operationId = "replaceMailSettings", summary = "Replace the mail settings")
    @PutMapping
    MailSettingsResponse put(Actor actor, @RequestBody MailSettingsRequest body) {
        List<FieldIssue> unread = new ArrayList<>();
        MailSettingsInput input = body.input(unread);
        return MailSettingsResponse.of(settings.update(actor, input, unread));
    }

    @Operation(operationId = "testMailSettings", summary = "Send a test mail and open the IMAP folder")
    @PostMapping("/test")
    @ActionOnObject
    MailCheckResult test(Actor actor, @RequestBody TestRequest body) {
        return check.run(actor, body.to());
    }
}
