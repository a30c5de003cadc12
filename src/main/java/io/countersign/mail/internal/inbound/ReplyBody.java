package io.countersign.mail.internal.inbound;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The text a person wrote: the first plain-text part that is not an attachment, else the first HTML
 * part turned into text. Forwarded messages and attachments are never read; nesting, the number of
 * parts and the bytes read are bounded, so a hostile structure costs little.
 */
final class ReplyBody {

    private static final int MAX_DEPTH = 8;
    private static final int MAX_PARTS = 64;
    static final int MAX_TEXT_BYTES = 256 * 1024;

    private int partsSeen;
    private Part html;

    private ReplyBody() {}

    /** The reply's text, or null when it has none. */
    static String of(Part message) throws MessagingException, IOException {
        ReplyBody body = new ReplyBody();
        Part plain = body.find(message, 0);
        if (plain != null) {
            return text(plain);
        }
        return body.html == null ? null : HtmlText.of(text(body.html));
    }

    private Part find(Part part, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || ++partsSeen > MAX_PARTS || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return null;
        }
        if (part.isMimeType("text/plain")) {
            return part;
        }
        if (part.isMimeType("text/html")) {
            if (html == null) {
                html = part;
            }
            return null;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount() && partsSeen <= MAX_PARTS; i++) {
                BodyPart child = multipart.getBodyPart(i);
                Part found = find(child, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        // message/rfc822 (a forwarded or returned message) and every other type: not the reply's text
        return null;
    }

    private static String text(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes(MAX_TEXT_BYTES);
        }
        String text = new String(bytes, charset(part));
        return isFlowed(part) ? Unflowed.of(text) : text;
    }

    /**
     * The part's declared charset, or UTF-8 (which holds ASCII, the MIME default) when it declares none.
     * A charset Java cannot decode, or a {@code Content-Type} too malformed to say which one is meant,
     * makes the message unreadable: read as UTF-8 instead, a UTF-7 {@code +AEE-pprove} would be taken
     * for a word that rejects, and a rejection is a decision too.
     */
    private static Charset charset(Part part) throws MessagingException, UnsupportedEncodingException {
        String declared = new ContentType(part.getContentType()).getParameter("charset");
        if (declared == null || declared.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(declared.trim()));
        } catch (IllegalArgumentException unknown) {
            throw new UnsupportedEncodingException("undecodable charset");
        }
    }

    private static boolean isFlowed(Part part) {
        try {
            String format = new ContentType(part.getContentType()).getParameter("format");
            return format != null && format.trim().toLowerCase(Locale.ROOT).equals("flowed");
        } catch (Exception malformed) {
            return false;
        }
    }
}
