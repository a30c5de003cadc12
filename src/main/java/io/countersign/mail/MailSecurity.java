package io.countersign.mail;

/** How a connection to a mail server is protected. */
public enum MailSecurity {
    /** Plain text: only for a relay on the same host or network. */
    NONE,
    /** Plain connection upgraded to TLS before anything else is said; refused when the server cannot. */
    STARTTLS,
    /** TLS from the first byte (SMTPS on 465, IMAPS on 993). */
    TLS
}
