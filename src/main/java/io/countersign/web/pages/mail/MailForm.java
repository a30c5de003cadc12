package io.countersign.web.pages.mail;

import io.countersign.mail.MailSecurity;
import io.countersign.mail.MailSettings;
import io.countersign.mail.MailSettingsInput;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.WholeNumbers;
import io.countersign.web.pages.OpenedVersions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * The mail settings as the page shows them. Passwords are write-only: the page never fills them in,
 * a blank one keeps the stored password, and removing one is a separate switch.
 */
public class MailForm {

    public String smtpHost = "";
    public String smtpPort = "";
    public String smtpSecurity = "STARTTLS";
    public String smtpUsername = "";
    public String smtpPassword = "";
    public boolean smtpRemovePassword;
    public String smtpFrom = "";
    public String imapHost = "";
    public String imapPort = "";
    public String imapSecurity = "TLS";
    public String imapUsername = "";
    public String imapPassword = "";
    public boolean imapRemovePassword;
    public String imapFolder = "INBOX";
    public boolean approveByMail;
    public String approveKeywords = "";
    public String instanceName = "";

    /** The form's own copy of the version it was opened at ({@link #version(MailSettings)}). */
    public String version = "";

    /**
     * The settings are stored without a version: what the form shows of them stands for one, with
     * whether each password is set and the trusted certificates, which it does not show.
     */
    static String version(MailSettings settings) {
        MailForm shown = of(settings);
        List<String> values = new ArrayList<>(Arrays.asList(
                shown.smtpHost,
                shown.smtpPort,
                shown.smtpSecurity,
                shown.smtpUsername,
                shown.smtpFrom,
                shown.imapHost,
                shown.imapPort,
                shown.imapSecurity,
                shown.imapUsername,
                shown.imapFolder,
                String.valueOf(shown.approveByMail),
                shown.approveKeywords,
                shown.instanceName));
        values.add(String.valueOf(settings.smtp() != null && settings.smtp().password() != null));
        values.add(String.valueOf(settings.imap() != null && settings.imap().password() != null));
        values.add(settings.smtp() == null ? null : settings.smtp().trustedCertificate());
        values.add(settings.imap() == null ? null : settings.imap().trustedCertificate());
        return OpenedVersions.digest(values);
    }

    static MailForm of(MailSettings settings) {
        MailForm form = new MailForm();
        MailSettings.Smtp smtp = settings.smtp();
        if (smtp != null) {
            form.smtpHost = smtp.host();
            form.smtpPort = String.valueOf(smtp.port());
            form.smtpSecurity = smtp.security().name();
            form.smtpUsername = orEmpty(smtp.username());
            form.smtpFrom = orEmpty(smtp.from());
        }
        MailSettings.Imap imap = settings.imap();
        if (imap != null) {
            form.imapHost = imap.host();
            form.imapPort = String.valueOf(imap.port());
            form.imapSecurity = imap.security().name();
            form.imapUsername = orEmpty(imap.username());
            form.imapFolder = orEmpty(imap.folder());
        }
        form.approveByMail = settings.approveByMail();
        form.approveKeywords = String.join(", ", settings.approveKeywords());
        form.instanceName = orEmpty(settings.instanceName());
        return form;
    }

    /** What the mail service saves; reading problems (a port that is no number) go to {@code issues}. */
    MailSettingsInput read(MailSettings stored, List<FieldIssue> issues) {
        // the page does not edit trusted certificates (the API sets them): saving keeps them as they are,
        // except that clearing the IMAP server removes its certificate, which the page cannot clear itself
        String smtpCertificate = stored.smtp() == null ? null : stored.smtp().trustedCertificate();
        String imapCertificate = stored.imap() == null || imapHost == null || imapHost.isBlank()
                ? null
                : stored.imap().trustedCertificate();
        return new MailSettingsInput(
                new MailSettingsInput.Smtp(
                        smtpHost,
                        port(smtpPort, "smtp.port", issues),
                        security(smtpSecurity, "smtp.security", issues),
                        smtpUsername,
                        password(smtpPassword, smtpRemovePassword),
                        smtpFrom,
                        smtpCertificate),
                new MailSettingsInput.Imap(
                        imapHost,
                        port(imapPort, "imap.port", issues),
                        security(imapSecurity, "imap.security", issues),
                        imapUsername,
                        password(imapPassword, imapRemovePassword),
                        imapFolder,
                        imapCertificate),
                approveByMail,
                Arrays.stream(approveKeywords == null ? new String[0] : approveKeywords.split(","))
                        .map(String::trim)
                        .filter(word -> !word.isEmpty())
                        .toList(),
                instanceName);
    }

    /** Blank keeps the stored password (null); the remove switch clears it (empty). */
    private static String password(String typed, boolean remove) {
        if (remove) {
            return "";
        }
        return typed == null || typed.isEmpty() ? null : typed;
    }

    private static Integer port(String value, String field, List<FieldIssue> issues) {
        if (value == null || value.isBlank()) {
            return null;
        }
        // read as the API reads it, so "+587" or another script's digits are not saved as port 587
        OptionalInt read = WholeNumbers.parseInt(value.trim());
        if (read.isEmpty()) {
            issues.add(new FieldIssue(
                    field, "invalid_number", "must be a port number between 1 and 65535, in the digits 0-9"));
            return null;
        }
        return read.getAsInt();
    }

    private static MailSecurity security(String value, String field, List<FieldIssue> issues) {
        for (MailSecurity option : MailSecurity.values()) {
            if (option.name().equals(value)) {
                return option;
            }
        }
        issues.add(new FieldIssue(field, "invalid_value", "must be NONE, STARTTLS or TLS"));
        return null;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
