package io.countersign.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The answer to a call under {@code /chat} that deny by default refuses, which is anything but a POST
 * or OPTIONS to a platform's call-back address: another method there is {@code 405} with
 * {@code Allow: OPTIONS, POST}, any
 * other path {@code 404}, as a path or method nothing serves is answered elsewhere, rather than a
 * {@code 403} that sounds like a missing permission. Both addresses are in the README, whatever the
 * channel in them, so this tells nothing more; whether a channel exists is the call back's own uniform
 * {@code 401} not to tell. The error page renders the answer: a page for a browser, a problem document
 * for anything else.
 */
final class ChatCallbackAddresses implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String[] PATHS = {"/chat/telegram/*/updates", "/chat/slack/*/interactions"};

    /**
     * What a call-back address takes: a platform only ever posts, so HEAD is refused; OPTIONS answers
     * which methods the address takes, as on every other path. In the order every {@code Allow} has.
     */
    static final Set<String> METHODS = Collections.unmodifiableSortedSet(new TreeSet<>(List.of("OPTIONS", "POST")));

    private static final RequestMatcher CALL_BACKS = new OrRequestMatcher(Arrays.stream(PATHS)
            .map(path -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(path))
            .toList());

    static boolean isCallBack(HttpServletRequest request) {
        return CALL_BACKS.matches(request);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        answer(request, response);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        answer(request, response);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (isCallBack(request)) {
            response.setHeader("Allow", TakenMethods.allow(METHODS));
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
