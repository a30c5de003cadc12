package io.countersign.web.logging;

import io.countersign.security.CountersignPrincipal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Names the caller in the log context the {@link CallIdFilter} opened as soon as security has
 * authenticated them, in every security filter chain: a call security refuses, or one that no
 * controller answers (the actuator's endpoints), names its caller on every line it causes, the
 * access line included. A call nobody authenticated names none; a token is never what is named.
 */
class CallerLogFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CountersignPrincipal principal) {
            CallerLogContext.caller(principal.username());
        }
        chain.doFilter(request, response);
    }
}
