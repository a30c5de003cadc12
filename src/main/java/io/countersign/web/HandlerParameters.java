package io.countersign.web;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The query parameters a handler method takes, read from its {@link RequestParam}s and its mapping's
 * {@code params} condition, so that the API and the pages refuse the same way a parameter nobody
 * declared.
 */
public final class HandlerParameters {

    /** What {@link #of} answers for a method that binds every parameter as a map. */
    public static final Set<String> ANY = Set.of("*");

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private HandlerParameters() {}

    public static Set<String> of(Method method) {
        String[] discovered = NAMES.getParameterNames(method);
        Set<String> names = new TreeSet<>();
        var parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            RequestParam param = AnnotatedElementUtils.findMergedAnnotation(parameters[i], RequestParam.class);
            if (param == null) {
                continue;
            }
            if (Map.class.isAssignableFrom(parameters[i].getType())) {
                return ANY;
            }
            String name = param.name().isEmpty() && discovered != null ? discovered[i] : param.name();
            names.add(name);
        }
        // a mapping's params condition (params = "wait") names a parameter the method may not bind
        var mapping = MergedAnnotations.from(method).get(RequestMapping.class);
        if (mapping.isPresent()) {
            Arrays.stream(mapping.getStringArray("params"))
                    .map(condition -> condition.replaceFirst("^!", "").replaceFirst("!?=.*$", ""))
                    .forEach(names::add);
        }
        return names;
    }
}
