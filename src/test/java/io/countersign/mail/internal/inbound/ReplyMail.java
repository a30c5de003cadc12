package io.countersign.mail.internal.inbound;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Builds a reply the way mail programs write them: {@code Re:} and the notification's subject, sent
 * to the plus address, the person's text on top and the notification quoted below.
 */
final class ReplyMail {

    private String from = "lisa@example.com";
    private String to;
    private String subject;
    private String inReplyTo;
    private String contentType = "text/plain; charset=utf-8";
    private Charset charset = StandardCharsets.UTF_8;
    private String body;
    private String extraHeaders = "";
    private final String messageId = "<" + UUID.randomUUID() + "@phone.example.com>";

    private ReplyMail(String requestId, String token, String firstLine) {
        this.to = "Countersign <countersign+" + token + "@example.com>";
        this.subject = "Re: Countersign - Access Approval Notification - #" + requestId;
        this.inReplyTo = "<" + requestId + ".1@countersign.example.com>";
        this.body = firstLine + "\n\nOn Mon, 30 Nov 2026 at 07:00, Countersign <countersign@example.com> wrote:\n"
                + "> Dana Dev asks for rw-admin on prod-postgresql.\n> Reply code: " + token + "\n";
    }

    static ReplyMail answering(String requestId, String token, String firstLine) {
        return new ReplyMail(requestId, token, firstLine);
    }

    ReplyMail from(String address) {
        this.from = address;
        return this;
    }

    ReplyMail to(String address) {
        this.to = address;
        return this;
    }

    ReplyMail subject(String subject) {
        this.subject = subject;
        return this;
    }

    ReplyMail inReplyTo(String messageId) {
        this.inReplyTo = messageId;
        return this;
    }

    ReplyMail header(String line) {
        this.extraHeaders += line + "\n";
        return this;
    }

    ReplyMail body(String contentType, Charset charset, String body) {
        this.contentType = contentType;
        this.charset = charset;
        this.body = body;
        return this;
    }

    /** A plain UTF-8 text body, as most mail programs send a reply. */
    ReplyMail text(String body) {
        return body("text/plain; charset=utf-8", StandardCharsets.UTF_8, body);
    }

    String messageId() {
        return messageId;
    }

    byte[] bytes() {
        String headers = "From: " + from + "\nTo: " + to + "\nSubject: " + subject + "\nMessage-ID: " + messageId
                + (inReplyTo == null ? "" : "\nIn-Reply-To: " + inReplyTo) + "\nDate: Mon, 30 Nov 2026 07:05:00 +0000\n"
                + extraHeaders + "MIME-Version: 1.0\nContent-Type: " + contentType
                + "\nContent-Transfer-Encoding: 8bit\n\n";
        // headers in UTF-8 as RFC 6532 allows; plain ASCII ones are the same bytes either way
        byte[] head = headers.getBytes(StandardCharsets.UTF_8);
        byte[] text = body.getBytes(charset);
        byte[] all = new byte[head.length + text.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(text, 0, all, head.length, text.length);
        return all;
    }
}
