package io.countersign.web.pages;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.method.HandlerTypePredicate;

/** The controllers that answer with pages, read from the advice that shows their refusals ({@link PageErrors}). */
final class PageHandlers {

    private static final HandlerTypePredicate PAGES = pages();

    private PageHandlers() {}

    static boolean isPage(Class<?> type) {
        return PAGES.test(type);
    }

    private static HandlerTypePredicate pages() {
        ControllerAdvice pages = PageErrors.class.getAnnotation(ControllerAdvice.class);
        return HandlerTypePredicate.builder()
                .assignableType(pages.assignableTypes())
                .basePackage(pages.basePackages())
                .build();
    }
}
