package io.countersign.mail.internal;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Builds the MIME message of a {@link Letter}: text and HTML alternatives in UTF-8, a Message-ID of
 * our own that survives sending, and header values from which line breaks and other controls are
 * removed, so that no value can add a header. Every mail is marked as sent by a machine ({@code
 * Auto-Submitted}, {@code X-Auto-Response-Suppress}).
 */
public final class MimeMessages {

    private static final Session COMPOSING = Session.getInstance(new Properties());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID_PART = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final InternetAddress from;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private InternetAddress to;
    private InternetAddress replyTo;
    private String subject;

    public MimeMessages(InternetAddress from) {
        this.from = from;
    }

    /** {@code <countersign.req-84a2.2.k3j…@example.com>}: ours, unique, and naming what it is about. */
    public String messageId(String... parts) {
        StringBuilder id = new StringBuilder("<countersign");
        for (String part : parts) {
            id.append('.').append(idPart(part));
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        StringBuilder hex = new StringBuilder();
        for (byte b : random) {
            hex.append(String.format("%02x", b));
        }
        return id.append('.')
                .append(hex)
                .append('@')
                .append(Addresses.domain(from.getAddress()))
                .append('>')
                .toString();
    }

    /** A request id, a step number: only what may stand in a Message-ID's local part. */
    public static String idPart(String value) {
        if (value == null || !ID_PART.matcher(value).matches()) {
            throw new IllegalArgumentException("not usable in a Message-ID: " + value);
        }
        return value;
    }

    public MimeMessages to(String address, String name) {
        this.to = address(Addresses.parse(address).getAddress(), name);
        return this;
    }

    public MimeMessages replyTo(String address) {
        this.replyTo = address(address, from.getPersonal());
        return this;
    }

    public MimeMessages subject(String value) {
        this.subject = clean(value);
        return this;
    }

    public MimeMessages header(String name, String value) {
        if (value != null) {
            headers.put(name, clean(value));
        }
        return this;
    }

    public MimeMessage build(String messageId, Letter letter, Instant date) {
        try {
            MimeMessage message = new KeptIdMessage(messageId);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, to);
            if (replyTo != null) {
                message.setReplyTo(new InternetAddress[] {replyTo});
            }
            message.setSubject(subject, "UTF-8");
            message.setSentDate(Date.from(date));
            // nobody types our mail: vacation responders and Exchange answer it not, or marked so that
            // the reply reader ignores what they send (a mail may say otherwise, as an answer does)
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
            for (var header : headers.entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(letter.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(letter.html(), "UTF-8", "html");
            message.setContent(new MimeMultipart("alternative", text, html));
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot compose a mail", e);
        }
    }

    private static InternetAddress address(String address, String name) {
        try {
            return name == null || name.isBlank()
                    ? new InternetAddress(address, true)
                    : new InternetAddress(address, clean(name), "UTF-8");
        } catch (UnsupportedEncodingException | jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("not a mail address: " + address, e);
        }
    }

    /** Control characters, CR and LF above all, become spaces: a value stays within its header. */
    public static String clean(String value) {
        return value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ").strip();
    }

    /** Keeps the Message-ID given, which saving would otherwise replace with a generated one. */
    private static final class KeptIdMessage extends MimeMessage {
        private final String id;

        KeptIdMessage(String id) {
            super(COMPOSING);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
