package io.countersign.web.pages;

import io.countersign.shared.Problems;
import io.countersign.web.HandlerParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A query parameter a {@link KnownParametersOnly} page does not take is refused, naming it and those the
 * page takes, as the API refuses one ({@code unknown_parameter}). Ignored, a misspelt filter
 * ({@code /audit?actorr=admin}) would show the whole unfiltered list as though it were the filtered one.
 * What a page takes is read from its method's {@link RequestParam}s, so a new filter is known the moment
 * it is declared. On a {@link ListPage} the list itself names it ({@link RefusedFilters}).
 */
@Configuration(proxyBeanMethods = false)
class KnownPageParameters implements WebMvcConfigurer, HandlerInterceptor {

    /** Spring Security adds it to the address it sends a person back to after sign-in. */
    private static final String AFTER_SIGN_IN = "continue";

    private final Map<Method, Set<String>> taken = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(KnownParametersOnly.class)) {
            return true;
        }
        Set<String> known = taken.computeIfAbsent(method.getMethod(), HandlerParameters::of);
        if (known == HandlerParameters.ANY) {
            return true;
        }
        Problems problems = new Problems();
        for (String name : request.getParameterMap().keySet()) {
            problems.check(
                    known.contains(name) || name.equals(AFTER_SIGN_IN),
                    name,
                    "unknown_parameter",
                    "is not a parameter of this page, which takes " + String.join(", ", known));
        }
        if (method.hasMethodAnnotation(ListPage.class)) {
            RefusedFilters.defer(request, problems.issues());
            return true;
        }
        problems.throwIfAny();
        return true;
    }

    @Override
    public void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView modelAndView) {
        RefusedFilters.requireShown(request);
    }
}
