package io.countersign.web.api;

import io.countersign.web.DecisionLinkPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps request bodies before anything buffers them. A declared {@code Content-Length} above the cap
 * is answered with 413 at once, without reading a byte; a body without one (chunked) is counted as
 * it is read and fails with {@link BodyTooLarge} as soon as it passes the cap. Runs before the
 * security filters so that nobody, signed in or not, can make the service hold a huge body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeFilter extends OncePerRequestFilter {

    private final WebLimits limits;
    private final JsonMapper json;

    BodySizeFilter(WebLimits limits, JsonMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limits.limitFor(
                request.getRequestURI().substring(request.getContextPath().length()));
        if (request.getContentLengthLong() > limit) {
            if (pageForm(request)) {
                // the error page, with the pages' headers, says what a form's reader can act on
                response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
                return;
            }
            ProblemDetail problem = ProblemResponses.tooLarge(limit);
            if (!DecisionLinkPaths.isDecisionLink(request)) {
                problem.setInstance(URI.create(request.getRequestURI()));
            }
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(problem));
            return;
        }
        chain.doFilter(new Capped(request, limit), response);
    }

    /** A browser's form sent to a page; the API and decision links answer scripts and keep their own answers. */
    private static boolean pageForm(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null
                && accept.contains(MediaType.TEXT_HTML_VALUE)
                && !request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                && !DecisionLinkPaths.isDecisionLink(request);
    }

    /** The request with an input stream that refuses to deliver more than {@code limit} bytes. */
    private static final class Capped extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
