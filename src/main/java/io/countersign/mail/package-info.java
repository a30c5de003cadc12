/**
 * Outgoing mail and the mail server settings. Administrators store the SMTP and IMAP servers in the
 * database ({@link io.countersign.mail.MailSettingsService}); other modules read them decrypted
 * through {@link io.countersign.mail.MailSettingsService#current()}, compose notifications with
 * {@link io.countersign.mail.MailComposer} and send them with {@link io.countersign.mail.Mailer}.
 * Mail is the {@code EMAIL} channel of the notification seam: its sender issues the approver's
 * action tokens when an approval mail leaves, and the reply reader decides replies by redeeming them
 * as the approver the mail went to. Depends on the shared kernel, directory, request, grant and the
 * notification seam's sender interface.
 */
package io.countersign.mail;
