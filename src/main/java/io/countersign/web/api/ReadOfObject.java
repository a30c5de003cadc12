package io.countersign.web.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code GET} that answers one object without versions, named by its path or the only one of
 * its kind (a request, a grant, a chat channel, a delivery, the mail or subscription settings), as
 * opposed to a list. {@code If-None-Match: *} fails on it wherever the object exists, as on the reads
 * of the objects that have versions ({@link UnversionedReads}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface ReadOfObject {}
