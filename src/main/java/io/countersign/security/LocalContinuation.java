package io.countersign.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.util.UriUtils;

/**
 * After sign-in, on to the page first asked for, by its path alone. The saved request's address is
 * absolute, built from the Host header of the request that was saved, which a client chooses: only
 * its path and query are kept, and only when they name a path on this service ({@code //host},
 * {@code /\host}, a scheme, and their %-encoded forms do not). Anything else goes to {@code /}.
 */
final class LocalContinuation implements AuthenticationSuccessHandler {

    private final RequestCache cache = new HttpSessionRequestCache();
    private final RedirectStrategy redirects = new DefaultRedirectStrategy();

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        SavedRequest saved = cache.getRequest(request, response);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        }
        redirects.sendRedirect(request, response, saved == null ? "/" : localPath(saved.getRedirectUrl()));
    }

    /**
     * The path and query of {@code address} when they stay on this service, otherwise {@code /}; always
     * in ASCII, since it becomes a Location header, which Tomcat drops when it holds a character beyond
     * Latin-1 and sends as one raw byte when it holds one within.
     */
    static String localPath(String address) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException | NullPointerException e) {
            return "/";
        }
        if (uri.getRawPath() == null) {
            return "/";
        }
        String local = inAscii(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        return local != null && isLocal(local) ? local : "/";
    }

    /** Characters beyond ASCII percent-encoded as UTF-8, as a browser sends them; null for a lone surrogate. */
    private static String inAscii(String target) {
        StringBuilder ascii = new StringBuilder(target.length());
        for (int at = 0; at < target.length(); ) {
            int c = target.codePointAt(at);
            at += Character.charCount(c);
            if (c < 0x80) {
                ascii.append((char) c);
            } else if (Character.isBmpCodePoint(c) && Character.isSurrogate((char) c)) {
                return null;
            } else {
                for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                    ascii.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        return ascii.toString();
    }

    /** Checked as sent and as decoded, twice over, since a browser or proxy may decode it on the way. */
    static boolean isLocal(String target) {
        String form = target;
        for (int round = 0; round < 3; round++) {
            if (!form.startsWith("/")
                    || form.startsWith("//")
                    || form.indexOf('\\') >= 0
                    || form.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return false;
            }
            try {
                form = UriUtils.decode(form, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        }
        return true;
    }
}
