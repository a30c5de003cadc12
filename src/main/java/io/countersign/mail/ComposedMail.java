package io.countersign.mail;

import jakarta.mail.internet.MimeMessage;

/** A message ready for {@link Mailer#send}, with the Message-ID it carries so replies can be matched. */
public record ComposedMail(MimeMessage message, String messageId) {}
