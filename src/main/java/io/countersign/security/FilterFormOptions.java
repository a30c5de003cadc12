package io.countersign.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code OPTIONS} on a form that a security filter answers (sign out), which no controller knows about:
 * the methods it takes, as every other address answers it. It runs after authorization, so that, as
 * elsewhere, only someone signed in is told.
 */
final class FilterFormOptions extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"OPTIONS".equals(request.getMethod()) || PageSecurityConfiguration.filterForm(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) {
        Set<String> methods = PageSecurityConfiguration.filterForm(request);
        response.setHeader(HttpHeaders.ALLOW, TakenMethods.allow(methods));
        response.setStatus(HttpServletResponse.SC_OK);
    }
}
