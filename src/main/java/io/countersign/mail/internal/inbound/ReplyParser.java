package io.countersign.mail.internal.inbound;

import io.countersign.shared.Names;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one message as a reply to a notification, as the approve-by-mail rules say: the request from
 * {@code #<id>} in the subject or from the references, the action token from the recipient's plus
 * address or the {@code Reply code:} line, the sender from {@code From}, and the decision from the
 * first line. Works on the raw bytes only, so that whatever a message holds, the worst it can do is
 * be refused.
 */
final class ReplyParser {

    static final Pattern REQUEST_ID =
            Pattern.compile("(?i)(?<![a-z0-9-])(req-[a-z2-9]{8}(?:[a-z2-9]{8})?)(?![a-z0-9])");
    private static final Pattern SUBJECT_REQUEST = Pattern.compile("#" + REQUEST_ID.pattern());
    private static final Pattern PLUS_TOKEN = Pattern.compile("(?i)\\+([a-z2-7]{32})@");
    private static final Pattern REPLY_CODE = Pattern.compile("(?i)reply code:\\s*([a-z2-7]{32})(?![a-z0-9])");
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,500}>");
    private static final String[] RECIPIENT_HEADERS = {"To", "Cc", "Delivered-To", "X-Original-To"};
    /** The longest address a mail server accepts (RFC 5321's path limit less its brackets). */
    static final int MAX_ADDRESS = 254;

    private static final Session SESSION = session();

    private final ReplyWords words;
    private final int maxBytes;
    private final String trustedAuthservId;

    /** Reads at most {@code maxBytes} of a message; a reply's first line is near its start. */
    ReplyParser(ReplyWords words, int maxBytes, String trustedAuthservId) {
        this.words = words;
        this.maxBytes = maxBytes;
        this.trustedAuthservId =
                trustedAuthservId == null || trustedAuthservId.isBlank() ? null : trustedAuthservId.trim();
    }

    Reading read(byte[] raw) {
        MimeMessage message;
        try {
            message = new MimeMessage(SESSION, new ByteArrayInputStream(raw, 0, Math.min(raw.length, maxBytes)));
        } catch (MessagingException e) {
            return Reading.refused(null, null, null, null, "the message could not be read");
        }
        String sender = null;
        String subject = null;
        String messageId = null;
        String requestId = null;
        try {
            sender = sender(message);
            subject = subject(message);
            messageId = messageId(message);
            requestId = requestId(subject, references(message));
            return read(message, sender, subject, messageId, requestId);
        } catch (MessagingException | IOException | RuntimeException malformed) {
            return Reading.refused(sender, subject, messageId, requestId, "the message could not be read");
        }
    }

    private Reading read(MimeMessage message, String sender, String subject, String messageId, String requestId)
            throws MessagingException, IOException {
        String automatic = AutomaticMail.why(message, sender, subject);
        if (automatic != null) {
            return Reading.automatic(sender, subject, messageId, requestId, automatic);
        }
        if (sender == null) {
            return Reading.refused(null, subject, messageId, requestId, "the message has no single sender address");
        }
        if (trustedAuthservId == null) {
            return readReply(message, sender, subject, messageId, requestId);
        }
        if (!SenderAuthentication.passes(
                SenderAuthentication.headerValues(message.getAllHeaderLines()), trustedAuthservId, sender)) {
            return Reading.unauthenticated(
                    sender,
                    subject,
                    messageId,
                    requestId,
                    "the sender's domain was not authenticated by " + trustedAuthservId);
        }
        return readReply(message, sender, subject, messageId, requestId).asAuthenticated();
    }

    /** Reads what a person wrote, once the sender is known and, where it can be, authenticated. */
    private Reading readReply(MimeMessage message, String sender, String subject, String messageId, String requestId)
            throws MessagingException {
        List<String> references = references(message);
        String subjectId = first(SUBJECT_REQUEST, subject);
        String referencedId = referencedRequest(references);
        String body = null;
        boolean undecodable = false;
        try {
            body = ReplyBody.of(message);
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            // the plus address may still say whose reply code it carries, for the answer to say so
            undecodable = true;
        }
        Set<String> tokens = tokens(message, body);
        String token = tokens.size() == 1 ? tokens.iterator().next() : null;
        if (subjectId != null && referencedId != null && !subjectId.equalsIgnoreCase(referencedId)) {
            return Reading.unplaced(
                    sender, subject, messageId, null, token, "the subject and the references name different requests");
        }
        if (requestId == null) {
            return Reading.unplaced(sender, subject, messageId, null, token, "the reply names no request");
        }
        if (undecodable) {
            return Reading.unreadable(sender, subject, messageId, requestId, token, "the message could not be read");
        }
        if (tokens.isEmpty()) {
            return Reading.unplaced(sender, subject, messageId, requestId, null, "the reply carries no reply code");
        }
        if (token == null) {
            return Reading.unplaced(
                    sender, subject, messageId, requestId, null, "the reply carries more than one reply code");
        }
        String line = FirstLine.of(body);
        if (line == null) {
            return Reading.unreadable(
                    sender, subject, messageId, requestId, token, "the reply has no first line to read");
        }
        ParsedReply reply =
                new ParsedReply(requestId, token, sender, references, words.approves(line), words.comment(line));
        return Reading.reply(subject, messageId, reply);
    }

    private static String requestId(String subject, List<String> references) {
        String fromSubject = first(SUBJECT_REQUEST, subject);
        return (fromSubject != null ? fromSubject : referencedRequest(references));
    }

    /** Our notifications' Message-IDs carry the request id, so a reply whose subject lost it is still found. */
    private static String referencedRequest(List<String> references) {
        for (String reference : references) {
            String id = first(REQUEST_ID, reference);
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    private static List<String> references(MimeMessage message) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (String header : new String[] {"In-Reply-To", "References"}) {
            String value = message.getHeader(header, " ");
            if (value != null) {
                Matcher matcher = MESSAGE_ID.matcher(value);
                while (matcher.find() && ids.size() < 50) {
                    ids.add(matcher.group());
                }
            }
        }
        return ids;
    }

    /**
     * The reply codes the reply carries: those of the plus address it was sent to and of the lines the
     * person typed, else those of the quoted notification. The quote also holds what the requester
     * wrote, so a code there must not outvote the one the reply was addressed with.
     */
    private static Set<String> tokens(MimeMessage message, String body) throws MessagingException {
        Set<String> tokens = new LinkedHashSet<>();
        for (String header : RECIPIENT_HEADERS) {
            String[] values = message.getHeader(header);
            if (values != null) {
                for (String value : values) {
                    collect(PLUS_TOKEN, value, tokens);
                }
            }
        }
        // a typed code that is not the plus address's leaves it unclear which request the reply decides
        collect(REPLY_CODE, FirstLine.typed(body), tokens);
        if (tokens.isEmpty()) {
            collect(REPLY_CODE, body, tokens);
        }
        return tokens;
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        if (text == null) {
            return;
        }
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
    }

    private static String sender(MimeMessage message) {
        try {
            Address[] from = message.getFrom();
            if (from == null || from.length != 1 || !(from[0] instanceof InternetAddress address)) {
                return null;
            }
            String email = address.getAddress();
            if (email == null
                    || email.length() > MAX_ADDRESS
                    || !email.matches("[^@\\s<>()\",;:]+@[^@\\s<>()\",;:]+")) {
                return null;
            }
            // A to Z only, as the directory compares: Unicode would read a Kelvin sign in the address as a "k"
            return Names.asciiLowerCase(email);
        } catch (MessagingException | RuntimeException malformed) {
            return null;
        }
    }

    /** The message's own id, as written: ids are compared exactly. */
    static String messageId(MimeMessage message) throws MessagingException {
        String header = message.getHeader("Message-ID", null);
        Matcher matcher = MESSAGE_ID.matcher(header == null ? "" : header);
        return matcher.find() ? matcher.group() : null;
    }

    private static String subject(MimeMessage message) throws MessagingException {
        String subject = message.getSubject();
        return subject == null ? "" : subject.length() > 500 ? subject.substring(0, 500) : subject;
    }

    private static String first(Pattern pattern, String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(1).toLowerCase(Locale.ROOT);
    }

    private static Session session() {
        Properties properties = new Properties();
        // lenient with what mail programs really send; nothing read here is trusted anyway
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.decodetext.strict", "false");
        properties.setProperty("mail.mime.parameters.strict", "false");
        // headers written in raw UTF-8 (RFC 6532, as mail programs now send them) are read as UTF-8,
        // not byte by byte as Latin-1, so that an address reads in logs and answers as it was written
        properties.setProperty("mail.mime.allowutf8", "true");
        return Session.getInstance(properties);
    }
}
