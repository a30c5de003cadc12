package io.countersign.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An {@code Accept-Language} the server will not parse (more languages than its limit, ten) is passed
 * over as if it had not been sent. Tomcat refuses such a header by throwing from {@code getLocale},
 * which Spring asks on every call before any operation runs, so it was a failure of the service's on
 * every address; the service answers in one language, so the wish changes nothing anyway. Only the
 * first read throws (Tomcat keeps what it parsed for later ones), so a later dispatch needs no wrapper.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class PassedOverLanguages extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public Locale getLocale() {
                        try {
                            return super.getLocale();
                        } catch (IllegalArgumentException unparsed) {
                            return Locale.getDefault();
                        }
                    }

                    @Override
                    public Enumeration<Locale> getLocales() {
                        try {
                            return super.getLocales();
                        } catch (IllegalArgumentException unparsed) {
                            return Collections.enumeration(Collections.singletonList(Locale.getDefault()));
                        }
                    }
                },
                response);
    }
}
