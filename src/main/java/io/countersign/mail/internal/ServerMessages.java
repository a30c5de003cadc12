package io.countersign.mail.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a mail failure into one readable line: the server's own answer (such as {@code 535 5.7.8
 * Authentication failed}) together with the underlying cause (connection refused, certificate not
 * trusted), without stack traces and without line breaks.
 */
public final class ServerMessages {

    private static final int MAX_LENGTH = 1000;

    private ServerMessages() {}

    public static String of(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                continue;
            }
            String line = message.replaceAll("[\\r\\n\\t]+", " ")
                    .replaceAll(" {2,}", " ")
                    .trim();
            if (parts.stream().noneMatch(p -> p.contains(line))) {
                parts.add(line);
            }
        }
        String joined = parts.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", parts);
        return joined.length() <= MAX_LENGTH ? joined : joined.substring(0, MAX_LENGTH) + "…";
    }
}
