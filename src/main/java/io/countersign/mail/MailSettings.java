package io.countersign.mail;

import java.util.List;

/**
 * The mail settings with their passwords decrypted, for the code that sends and reads mail. Never
 * serialised: the API shows {@code passwordSet} instead.
 *
 * @param smtp the outgoing server, or null while none is configured
 * @param imap the mailbox replies arrive in, or null while none is configured
 * @param approveKeywords words that approve in addition to the built-in ones
 * @param instanceName the name in every subject; the configured {@code countersign.instance-name} unless changed
 */
public record MailSettings(
        Smtp smtp, Imap imap, boolean approveByMail, List<String> approveKeywords, String instanceName) {

    public MailSettings {
        approveKeywords = List.copyOf(approveKeywords);
    }

    /**
     * @param password null when the server needs no login
     * @param trustedCertificate PEM certificates to trust instead of the system's authorities, or null
     */
    public record Smtp(
            String host,
            int port,
            MailSecurity security,
            String username,
            String password,
            String from,
            String trustedCertificate) {

        public boolean login() {
            return username != null && !username.isBlank();
        }

        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + " " + security + " as " + username + " from " + from + "]";
        }
    }

    /** @param folder a path such as {@code INBOX/PAM Workflow Approvals}, "/" between levels */
    public record Imap(
            String host,
            int port,
            MailSecurity security,
            String username,
            String password,
            String folder,
            String trustedCertificate) {

        @Override
        public String toString() {
            return "Imap[" + host + ":" + port + " " + security + " as " + username + " folder " + folder + "]";
        }
    }
}
