package io.countersign.web.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code POST} that acts on one object that exists already, named by its path (a decision on a
 * request, a grant's revocation or extension, a redelivery, a test of a channel or of the mail
 * settings), as opposed to one that creates an object. Such an action, like a {@code PUT} or {@code
 * DELETE}, can never meet the "nothing exists here" that {@code If-None-Match: *} asks for ({@link
 * UnversionedPreconditions}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface ActionOnObject {}
