package io.countersign.web.pages;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a page that filters what it lists by its query: a parameter its method does not declare is refused
 * with a page naming it ({@link KnownPageParameters}), rather than ignored.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownParametersOnly {}
