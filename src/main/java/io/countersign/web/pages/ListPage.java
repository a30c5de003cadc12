package io.countersign.web.pages;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a page that lists what its query filters: a filter refused before the page is drawn (one it does not
 * take, one given twice) is shown on the list itself, through {@link RefusedFilters}, rather than on an
 * error page that loses the form.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ListPage {}
