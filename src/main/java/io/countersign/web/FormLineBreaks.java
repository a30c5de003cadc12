package io.countersign.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page's form sends each line break of a text area as CR LF (HTML requires it), while the browser
 * counts it as one character against the field's {@code maxlength} and the API counts a JSON {@code \n}
 * as one: a comment or justification the form allowed was refused as too long. Every value a page's
 * form sends therefore has its line breaks, CR LF or a lone CR, made LF before anything binds, judges
 * or stores it, so the pages and the API agree on what a text holds.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class FormLineBreaks extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !PageRequests.isPage(request)
                || !PageRequests.isForm(request.getContentType());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new Wrapper(request), response);
    }

    static String lines(String value) {
        return value == null || value.indexOf('\r') < 0
                ? value
                : value.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static final class Wrapper extends HttpServletRequestWrapper {

        private Map<String, String[]> parameters;

        Wrapper(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                // read once, on first use: the body is parsed no earlier than without this wrapper
                Map<String, String[]> normalised = new LinkedHashMap<>();
                super.getParameterMap()
                        .forEach((name, values) -> normalised.put(
                                name,
                                Arrays.stream(values).map(FormLineBreaks::lines).toArray(String[]::new)));
                parameters = Collections.unmodifiableMap(normalised);
            }
            return parameters;
        }
    }
}
