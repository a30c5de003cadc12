package io.countersign.web.api;

import io.countersign.security.TakenMethods;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.TreeSet;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code OPTIONS} answers the same thing, however it is asked: the methods the path takes.
 *
 * <p>The service allows no other origin anything, so a browser's CORS preflight (an {@code OPTIONS}
 * with {@code Origin} and {@code Access-Control-Request-Method}) is read as the plain {@code OPTIONS}
 * it also is: left to Spring, it skips the path's own answer and gets every method HTTP has in
 * {@code Allow} ({@code DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, TRACE}) where a plain one gets
 * the path's ({@code OPTIONS, POST}). No {@code Access-Control-Allow-*} header is ever written, so the
 * browser refuses the cross-origin call, as it should.
 *
 * <p>The {@code Allow}, written by Spring in the order the controllers declare their methods
 * ({@code PUT,DELETE,GET,…}), is rewritten in the one order and spelling a {@code 405} uses ({@link
 * TakenMethods#allow}): a client comparing the two sees the same list. No answer carries an empty
 * {@code Accept-Patch} ({@link #emptyAcceptPatch}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class OptionsAnswers extends OncePerRequestFilter {

    private static final String PREFLIGHT_HEADERS = "access-control-request-";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new PlainOptions(request), new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                if (!emptyAcceptPatch(name, value)) {
                    super.setHeader(name, ordered(name, value));
                }
            }

            @Override
            public void addHeader(String name, String value) {
                if (!emptyAcceptPatch(name, value)) {
                    super.addHeader(name, ordered(name, value));
                }
            }
        });
    }

    /**
     * Spring names the patch formats a path takes in {@code Accept-Patch} on every {@code OPTIONS} answer,
     * as an empty header where the path takes no PATCH, which is every path here; RFC 5789 wants at
     * least one media type in it, and no header where nothing is patched.
     */
    static boolean emptyAcceptPatch(String name, String value) {
        return HttpHeaders.ACCEPT_PATCH.equalsIgnoreCase(name) && (value == null || value.isBlank());
    }

    static String ordered(String name, String value) {
        if (!HttpHeaders.ALLOW.equalsIgnoreCase(name) || value == null || value.isBlank()) {
            return value;
        }
        return TakenMethods.allow(
                new TreeSet<>(Arrays.stream(value.split(",")).map(String::strip).toList()));
    }

    /** The request without the headers that make it a CORS preflight. */
    private static final class PlainOptions extends HttpServletRequestWrapper {

        PlainOptions(HttpServletRequest request) {
            super(request);
        }

        private static boolean preflight(String name) {
            return name.toLowerCase(Locale.ROOT).startsWith(PREFLIGHT_HEADERS);
        }

        @Override
        public String getHeader(String name) {
            return preflight(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return preflight(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !preflight(name))
                    .toList());
        }
    }
}
