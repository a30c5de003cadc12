package io.countersign.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Reads a form's CSRF token from its header or its body, never from the address's query: the servlet
 * merges the query into the form's fields, and a token that travels in an address ends up in logs,
 * histories and referrers, after which that address alone would be taken for the person's own form.
 */
final class TokenFromTheForm implements CsrfTokenRequestHandler {

    /** Spring Security's own handling, which masks the token on every page it is written into. */
    private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        masked.handle(request, response, token);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
        String name = csrfToken.getParameterName();
        if (!namedInQuery(request.getQueryString(), name)) {
            return masked.resolveCsrfTokenValue(request, csrfToken);
        }
        return masked.resolveCsrfTokenValue(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getParameter(String parameter) {
                        return name.equals(parameter) ? null : super.getParameter(parameter);
                    }
                },
                csrfToken);
    }

    private static boolean namedInQuery(String query, String name) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        return UriComponentsBuilder.newInstance().query(query).build().getQueryParams().keySet().stream()
                .anyMatch(sent -> name.equals(decoded(sent)));
    }

    private static String decoded(String sent) {
        try {
            return UriUtils.decode(sent.replace('+', ' '), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException undecodable) {
            return sent;
        }
    }
}
