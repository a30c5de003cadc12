package io.countersign.mail.internal.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The corpus of hostile messages under {@code mail/hostile/}, each with the outcome it must have.
 * The files hold placeholders for what differs per test: the request, the reply code (a valid one,
 * so that only the reader's rules stand between the message and a decision), the approver's
 * address, a fresh Message-ID and, for the huge one, megabytes of padding.
 */
final class HostileMail {

    enum Expected {
        AUTOMATIC,
        REFUSED,
        REJECTS
    }

    record Case(String file, Expected expected, String reason) {

        @Override
        public String toString() {
            return file;
        }
    }

    static final List<Case> CORPUS = List.of(
            new Case("auto-submitted.eml", Expected.AUTOMATIC, "Auto-Submitted"),
            new Case("out-of-office-subject.eml", Expected.AUTOMATIC, "subject"),
            new Case("localised-out-of-office-subject.eml", Expected.AUTOMATIC, "subject"),
            new Case("x-autoreply.eml", Expected.AUTOMATIC, "X-Autoreply"),
            new Case("precedence-bulk.eml", Expected.AUTOMATIC, "Precedence"),
            new Case("bounce-report.eml", Expected.AUTOMATIC, "delivery report"),
            new Case("mailer-daemon.eml", Expected.AUTOMATIC, "mailer daemon"),
            new Case("empty-return-path.eml", Expected.AUTOMATIC, "Return-Path"),
            new Case("malformed-mime.eml", Expected.REFUSED, "could not be read"),
            new Case("missing-body.eml", Expected.REFUSED, "no first line"),
            new Case("html-script.eml", Expected.REJECTS, "I need to call you first <script>"),
            new Case("attachment-only.eml", Expected.REFUSED, "no first line"),
            new Case("huge.eml", Expected.REFUSED, "no first line"),
            new Case("invalid-utf8.eml", Expected.REJECTS, null),
            new Case("unknown-charset.eml", Expected.REFUSED, "could not be read"),
            new Case("utf-7.eml", Expected.REFUSED, "could not be read"),
            new Case("forwarded-only.eml", Expected.REFUSED, "no first line"),
            new Case("no-from.eml", Expected.REFUSED, "no single sender"),
            new Case("two-senders.eml", Expected.REFUSED, "no single sender"),
            new Case("no-reply-code.eml", Expected.REFUSED, "no reply code"),
            new Case("two-reply-codes.eml", Expected.REFUSED, "more than one reply code"),
            new Case("quoted-only.eml", Expected.REFUSED, "no first line"),
            new Case("nested-too-deep.eml", Expected.REFUSED, "no first line"),
            new Case("no-request.eml", Expected.REFUSED, "names no request"));

    private HostileMail() {}

    static byte[] load(String file, String requestId, String token, String sender) {
        try (InputStream in = HostileMail.class.getResourceAsStream("/mail/hostile/" + file)) {
            // ISO-8859-1 maps every byte to one char and back, so non-UTF-8 bytes survive the replacing
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
                    .replace("{{REQUEST}}", requestId)
                    .replace("{{TOKEN}}", token)
                    .replace("{{SENDER}}", sender)
                    .replace("{{MSGID}}", UUID.randomUUID().toString())
                    .replace("{{PADDING}}", padding());
            return text.getBytes(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Three megabytes of base64 lines: three times what the reader reads of one message. */
    private static String padding() {
        String line = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n";
        return line.repeat(3 * 1024 * 1024 / line.length());
    }
}
