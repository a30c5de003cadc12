package io.countersign.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Which addresses are a decision link's ({@code /actions/<token>}), whose token is the link's only
 * credential: such an address is never repeated in an answer or a log line. Every spelling a browser or
 * a hand-edited link may send counts, whether it reaches the page or not: {@code /actions/<token>/},
 * {@code /actions/<token>;x}, {@code /actions;x/<token>}, {@code /%61ctions/<token>},
 * {@code /actions//<token>}, {@code /x/../actions/<token>}, {@code /actions/<token>/..} and any case; anything
 * after {@code /actions/} may be a token, and {@code /actions} alone names none. Nothing else carries a secret
 * in its path: ids of requests, grants, API tokens and chat channels are not credentials.
 */
public final class DecisionLinkPaths {

    private static final String ACTIONS = "actions";

    private DecisionLinkPaths() {}

    /**
     * Whether the call, or the call an error page is answering, was made to a decision link's address:
     * its path as sent or as the container resolved it.
     */
    public static boolean isDecisionLink(HttpServletRequest request) {
        String matched = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return isDecisionLink(request.getRequestURI())
                || isDecisionLink(matched)
                || isDecisionLink((String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
    }

    /**
     * Whether the path, as sent or decoded, names something under {@code /actions}: as it reads before
     * {@code ..} is resolved (which drops the token from {@code /actions/<token>/..}) or after.
     */
    public static boolean isDecisionLink(String path) {
        if (path == null) {
            return false;
        }
        Deque<String> sent = new ArrayDeque<>();
        Deque<String> resolved = new ArrayDeque<>();
        for (String segment : decoded(path).toLowerCase(Locale.ROOT).split("/")) {
            String name = withoutParameters(segment);
            if (segment.isEmpty() || name.equals(".")) {
                continue;
            }
            sent.addLast(segment);
            if (name.equals("..")) {
                resolved.pollLast();
            } else {
                resolved.addLast(segment);
            }
        }
        return underActions(sent) || underActions(resolved);
    }

    /** "/actions;<token>" hides one as well as "/actions/<token>" does. */
    private static boolean underActions(Deque<String> segments) {
        String first = segments.peekFirst();
        return first != null
                && withoutParameters(first).equals(ACTIONS)
                && (segments.size() > 1 || !first.equals(ACTIONS));
    }

    private static String withoutParameters(String segment) {
        int semicolon = segment.indexOf(';');
        return semicolon < 0 ? segment : segment.substring(0, semicolon);
    }

    /**
     * Undoes {@code %}-escapes of ASCII characters, again and again, so that an escaped letter, slash or
     * semicolon (even escaped twice) is read as itself; anything else is left as sent.
     */
    private static String decoded(String path) {
        String current = path;
        while (true) {
            StringBuilder out = new StringBuilder(current.length());
            for (int i = 0; i < current.length(); i++) {
                int value = current.charAt(i) == '%' && i + 2 < current.length() ? escaped(current, i) : -1;
                if (value >= 0) {
                    out.append((char) value);
                    i += 2;
                } else {
                    out.append(current.charAt(i));
                }
            }
            if (out.length() == current.length()) {
                return current;
            }
            current = out.toString();
        }
    }

    private static int escaped(String text, int percent) {
        int high = Character.digit(text.charAt(percent + 1), 16);
        int low = Character.digit(text.charAt(percent + 2), 16);
        int value = high < 0 || low < 0 ? -1 : high * 16 + low;
        return value < 0x80 ? value : -1;
    }
}
