package io.countersign.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.stereotype.Component;

/**
 * The response headers the API filter chain puts on every answer (caching, content sniffing, framing,
 * HSTS on secure requests), for an answer given outside that chain: written by the chain's own header
 * filter, so the two cannot drift apart.
 */
@Component
public class ApiAnswerHeaders {

    private final HeaderWriterFilter writer;

    ApiAnswerHeaders(@Qualifier("api") SecurityFilterChain api) {
        this.writer = api.getFilters().stream()
                .filter(HeaderWriterFilter.class::isInstance)
                .map(HeaderWriterFilter.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The API filter chain writes no response headers"));
    }

    /**
     * Runs {@code answer} with the headers added as the chain adds them: when the answer is committed,
     * or when it ends, by an exception too.
     */
    public void around(HttpServletRequest request, HttpServletResponse response, FilterChain answer)
            throws ServletException, IOException {
        writer.doFilter(request, response, answer);
    }
}
