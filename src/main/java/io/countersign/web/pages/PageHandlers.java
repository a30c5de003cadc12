package io.countersign.web.pages;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.method.HandlerTypePredicate;

/** The controllers that answer with pages, read from the advice that shows their refusals ({@link PageErrors}). */
final class PageHandlers {

    private static final HandlerTypePredicate PAGES = pages();

    /** The answer per controller, asked before every page: the predicate walks packages and types. */
    private static final Map<Class<?>, Boolean> ANSWERS = new ConcurrentHashMap<>();

    private PageHandlers() {}

    static boolean isPage(Class<?> type) {
        return ANSWERS.computeIfAbsent(type, PAGES::test);
    }

    private static HandlerTypePredicate pages() {
        ControllerAdvice pages = PageErrors.class.getAnnotation(ControllerAdvice.class);
        return HandlerTypePredicate.builder()
                .assignableType(pages.assignableTypes())
                .basePackage(pages.basePackages())
                .build();
    }
}
