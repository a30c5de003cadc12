package io.countersign.web.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes a Slack interaction's body off the wire before anything reads its form: Slack signs the bytes
 * as sent, and the first reader of a form post's parameters drains the stream (Spring MVC's handler
 * look-up does, to test a mapping's {@code params}). The controller reads the kept bytes. Runs just
 * inside {@link BodySizeFilter}, so the cap still holds.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class RawSlackBody extends OncePerRequestFilter {

    private final JsonMapper json;

    RawSlackBody(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod())
                || !path.startsWith("/chat/slack/")
                || !path.endsWith("/interactions");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (BodyTooLarge e) {
            var problem = ProblemResponses.tooLarge(e.limit());
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(problem));
            return;
        }
        chain.doFilter(new ReplayedBody(request, body), response);
    }
}
