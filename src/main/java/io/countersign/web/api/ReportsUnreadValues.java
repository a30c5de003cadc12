package io.countersign.web.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation whose write goes through {@link UnreadBodyValues#refuseOr}, so that its body may be
 * read with an unknown enum name or a value of the wrong type left null and an unknown field skipped.
 * Any other body is refused at the first of them, as a body read leniently and then saved would store
 * null where the caller meant something. Mark only an operation whose write, tried and rolled back,
 * leaves nothing behind outside its transaction: no mail or message sent, no cache or watcher told
 * of a change that did not commit, no secret answered.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface ReportsUnreadValues {}
