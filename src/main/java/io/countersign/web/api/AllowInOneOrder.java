package io.countersign.web.api;

import io.countersign.security.TakenMethods;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.TreeSet;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The {@code Allow} of an {@code OPTIONS} answer, written by Spring in the order the controllers
 * declare their methods ({@code PUT,DELETE,GET,…}), is rewritten in the one order and spelling a
 * {@code 405} uses ({@link TakenMethods#allow}): a client comparing the two sees the same list.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class AllowInOneOrder extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                super.setHeader(name, ordered(name, value));
            }

            @Override
            public void addHeader(String name, String value) {
                super.addHeader(name, ordered(name, value));
            }
        });
    }

    static String ordered(String name, String value) {
        if (!HttpHeaders.ALLOW.equalsIgnoreCase(name) || value == null || value.isBlank()) {
            return value;
        }
        return TakenMethods.allow(
                new TreeSet<>(Arrays.stream(value.split(",")).map(String::strip).toList()));
    }
}
