package io.countersign.web;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
        Map<String, Class<?>> types = typesOf(method);
        return types == null ? ANY : new TreeSet<>(types.keySet());
    }

    /**
     * What each query parameter of the method is read into, by name ({@code String} for one its
     * mapping's {@code params} condition names); null when the method binds every parameter as a map.
     */
    public static Map<String, Class<?>> typesOf(Method method) {
        String[] discovered = NAMES.getParameterNames(method);
        Map<String, Class<?>> types = new TreeMap<>();
        var parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            RequestParam param = AnnotatedElementUtils.findMergedAnnotation(parameters[i], RequestParam.class);
            if (param == null) {
                continue;
            }
            if (Map.class.isAssignableFrom(parameters[i].getType())) {
                return null;
            }
            String name = param.name().isEmpty() && discovered != null ? discovered[i] : param.name();
            types.put(name, parameters[i].getType());
        }
        // a mapping's params condition (params = "wait") names a parameter the method may not bind
        var mapping = MergedAnnotations.from(method).get(RequestMapping.class);
        if (mapping.isPresent()) {
            Arrays.stream(mapping.getStringArray("params"))
                    .map(condition -> condition.replaceFirst("^!", "").replaceFirst("!?=.*$", ""))
                    .forEach(name -> types.putIfAbsent(name, String.class));
        }
        return types;
    }
}
