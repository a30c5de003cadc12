package io.countersign.web.pages;

import io.countersign.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A page's query is text as the API's is, and every value goes through the check the API gives its
 * query (at most {@value #MAX_LENGTH} characters, no control characters, direction overrides or unpaired
 * surrogates) before the page reads it. Unchecked, a filter holding a NUL reached PostgreSQL and came back
 * as a failure of the service's, and one holding another control character matched nothing and passed
 * for an empty list. A {@link ListPage} names the filter on the list itself ({@link RefusedFilters}).
 * Only what is read from the address is checked: a form's fields are the services' to judge, which let a
 * comment span lines.
 */
@Configuration(proxyBeanMethods = false)
class PageQueryText implements WebMvcConfigurer, HandlerInterceptor {

    /** The longest query value the API takes. */
    static final int MAX_LENGTH = 1024;

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || !(HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod()))
                || !PageHandlers.isPage(method.getBeanType())) {
            return true;
        }
        Problems problems = new Problems();
        request.getParameterMap().forEach((name, values) -> {
            for (String value : values) {
                problems.maxLength(value, name, MAX_LENGTH);
            }
        });
        if (method.hasMethodAnnotation(ListPage.class)) {
            RefusedFilters.defer(request, problems.issues());
            return true;
        }
        problems.throwIfAny();
        return true;
    }
}
