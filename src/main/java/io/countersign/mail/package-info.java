/**
 * Outgoing mail and the mail server settings. Administrators store the SMTP and IMAP servers in the
 * database ({@link io.countersign.mail.MailSettingsService}); other modules read them decrypted
 * through {@link io.countersign.mail.MailSettingsService#current()}, compose notifications with
 * {@link io.countersign.mail.MailComposer} and send them with {@link io.countersign.mail.Mailer}.
 * Depends on the shared kernel only.
 */
package io.countersign.mail;
