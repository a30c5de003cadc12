package io.countersign.web.api;

import io.countersign.shared.Text;

/**
 * Makes a message or field path that holds caller input safe to repeat in a problem document:
 * characters {@link Text} refuses become U+FFFD (a lone surrogate cannot even be written as UTF-8)
 * and long ones are cut, so that an error about hostile input is never itself a failure or a
 * megabyte long. A value itself is not repeated at all: it may be a secret in the wrong place.
 */
final class Echo {

    static final int MAX_MESSAGE = 2000;

    private Echo() {}

    /** A whole message or field path that may contain caller input. */
    static String safe(String message) {
        if (message == null) {
            return null;
        }
        String clean = clean(message);
        return clean.length() > MAX_MESSAGE ? clean.substring(0, MAX_MESSAGE) + "…" : clean;
    }

    private static String clean(String value) {
        if (Text.isClean(value, Text.Lines.MULTI)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else {
                out.append(Text.isClean(String.valueOf(c), Text.Lines.MULTI) ? c : '\uFFFD');
            }
        }
        return out.toString();
    }
}
