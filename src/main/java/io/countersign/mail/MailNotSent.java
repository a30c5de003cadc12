package io.countersign.mail;

/** The mail server did not take a message; the message is the server's own answer, for a retry to report. */
public class MailNotSent extends RuntimeException {

    public MailNotSent(String message, Throwable cause) {
        super(message, cause);
    }
}
