package io.countersign.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.countersign.mail.MailSecurity;
import io.countersign.mail.MailSettingsInput;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.Redacted;
import io.countersign.web.ExpectedValues;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The mail settings as a {@code PUT} sends them. The securities are read as text here rather than by
 * the JSON reader, which would refuse the whole body at the first unknown one and so hide every other
 * issue of it.
 */
// named as the schema was before the body had a record of its own, so that generated clients keep their type
@Schema(name = "MailSettingsInput")
record MailSettingsRequest(
        Smtp smtp, Imap imap, Boolean approveByMail, List<String> approveKeywords, String instanceName) {

    @JsonIgnoreProperties("passwordSet")
    record Smtp(
            String host,
            Integer port,
            @Schema(implementation = MailSecurity.class) String security,
            String username,
            String password,
            String from,
            String trustedCertificate) {

        @Override
        public String toString() {
            return Redacted.toString(this, "password");
        }
    }

    @JsonIgnoreProperties("passwordSet")
    record Imap(
            String host,
            Integer port,
            @Schema(implementation = MailSecurity.class) String security,
            String username,
            String password,
            String folder,
            String trustedCertificate) {

        @Override
        public String toString() {
            return Redacted.toString(this, "password");
        }
    }

    /** What the mail service checks; a security that names none goes to {@code unread}, and null in its place. */
    MailSettingsInput input(List<FieldIssue> unread) {
        return new MailSettingsInput(
                smtp == null
                        ? null
                        : new MailSettingsInput.Smtp(
                                smtp.host(),
                                smtp.port(),
                                security(smtp.security(), "smtp.security", unread),
                                smtp.username(),
                                smtp.password(),
                                smtp.from(),
                                smtp.trustedCertificate()),
                imap == null
                        ? null
                        : new MailSettingsInput.Imap(
                                imap.host(),
                                imap.port(),
                                security(imap.security(), "imap.security", unread),
                                imap.username(),
                                imap.password(),
                                imap.folder(),
                                imap.trustedCertificate()),
                approveByMail,
                approveKeywords,
                instanceName);
    }

    private static MailSecurity security(String name, String field, List<FieldIssue> unread) {
        if (name == null) {
            return null;
        }
        for (MailSecurity security : MailSecurity.values()) {
            if (security.name().equals(name)) {
                return security;
            }
        }
        // the value is not repeated: a password pasted into the wrong field must not come back
        unread.add(new FieldIssue(field, "invalid_value", ExpectedValues.mustBe(MailSecurity.class)));
        return null;
    }
}
