package io.countersign.mail.internal.inbound;

/**
 * Where approval replies are read: the mailbox's IMAP server, its login and the folder replies are
 * filed into, a nested path such as {@code Inbox/PAM Workflow Approvals} written with {@code /}
 * whatever separator the server uses.
 *
 * @param trustedCertificatePem a PEM certificate to trust instead of the system's authorities, for a
 *     server with a self-signed certificate; null to trust the system's authorities
 */
public record ImapEndpoint(
        String host,
        int port,
        Security security,
        String username,
        String password,
        String folder,
        String trustedCertificatePem) {

    public enum Security {
        NONE,
        STARTTLS,
        TLS
    }

    @Override
    public String toString() {
        // never print the password, not even in a debugger's or a log's view of the record
        return "ImapEndpoint[" + username + "@" + host + ":" + port + " " + security + " " + folder + "]";
    }
}
