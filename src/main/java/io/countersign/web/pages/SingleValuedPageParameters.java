package io.countersign.web.pages;

import io.countersign.shared.Problems;
import io.countersign.web.HandlerParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.BeanUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A page's filter or form field that takes one value, sent twice ({@code /audit?actor=dev&actor=admin},
 * a comment given twice), is refused with a page naming it, in the API's words ({@code repeated}: "must
 * be given once"). Bound as it came, the two would be joined with a comma into a value nobody typed: a
 * filter matching nothing, shown as an empty list, or a comment stored as "first,second". Fields that
 * hold a list (a webhook's events, ticked one box each) take as many as are sent. What takes one value
 * is read from the handler: its {@code @RequestParam}s and the top-level fields of the form it binds. It
 * covers the pages whose refusals {@link PageErrors} shows; the decision links answer for themselves. A
 * {@link ListPage} names the filter on the list itself ({@link RefusedFilters}).
 */
@Configuration(proxyBeanMethods = false)
class SingleValuedPageParameters implements WebMvcConfigurer, HandlerInterceptor {

    private final Map<Method, Set<String>> single = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !PageHandlers.isPage(method.getBeanType())) {
            return true;
        }
        Set<String> names = single.computeIfAbsent(method.getMethod(), SingleValuedPageParameters::singleValued);
        Problems problems = new Problems();
        request.getParameterMap().forEach((name, values) -> {
            if (names.contains(name)) {
                problems.givenOnce(values, name);
            }
        });
        if (method.hasMethodAnnotation(ListPage.class)) {
            RefusedFilters.defer(request, problems.issues());
            return true;
        }
        problems.throwIfAny();
        return true;
    }

    /** The names of the parameters the method reads into one value; a map of them all names none. */
    private static Set<String> singleValued(Method method) {
        Map<String, Class<?>> params = HandlerParameters.typesOf(method);
        Set<String> names = new TreeSet<>();
        if (params == null) {
            return names;
        }
        params.forEach((name, type) -> {
            if (BeanUtils.isSimpleValueType(type)) {
                names.add(name);
            }
        });
        for (Parameter parameter : method.getParameters()) {
            if (parameter.getType().getPackageName().startsWith(SingleValuedPageParameters.class.getPackageName())) {
                names.addAll(formFields(parameter.getType()));
            }
        }
        return names;
    }

    /** A form's top-level fields of one value: a record's components, or a class's public fields. */
    private static Set<String> formFields(Class<?> form) {
        Set<String> names = new TreeSet<>();
        if (form.isRecord()) {
            for (RecordComponent component : form.getRecordComponents()) {
                if (BeanUtils.isSimpleValueType(component.getType())) {
                    names.add(component.getName());
                }
            }
            return names;
        }
        for (Field field : form.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && BeanUtils.isSimpleValueType(field.getType())) {
                names.add(field.getName());
            }
        }
        return names;
    }
}
