package io.countersign.mail;

import jakarta.mail.internet.MimeMessage;

/**
 * A message ready for {@link Mailer#send}, with the Message-ID it carries so replies can be matched,
 * and whether it shows a reply code: an approval mail composed while approving by mail is off does not.
 */
public record ComposedMail(MimeMessage message, String messageId, boolean replyCode) {}
