package io.countersign.web.logging;

import java.nio.charset.StandardCharsets;

/**
 * The actor as the plain access line names it. A name comes from a sign-in or an identity provider, so
 * anything but letters, digits and {@code ._:@/+-} is percent-encoded (UTF-8): a space, a line break or
 * an {@code =} could otherwise end the field or forge a line, and the encoded name still reads back
 * whole. A call without an actor reads {@code -}.
 */
final class AccessLineActor {

    private AccessLineActor() {}

    static String of(String actor) {
        if (actor == null || actor.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        for (byte b : actor.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (kept(c)) {
                text.append(c);
            } else {
                text.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return text.toString();
    }

    private static boolean kept(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == ':'
                || c == '@'
                || c == '/'
                || c == '+'
                || c == '-';
    }
}
