package io.countersign.shared;

import tools.jackson.core.JacksonException;

/**
 * How a reader words a value it could not read at {@code field}, in the codes its clients know, and
 * without repeating the value: it may be a secret pasted into the wrong field.
 */
@FunctionalInterface
public interface WrongTypeIssue {

    FieldIssue of(JacksonException refusal, String field);
}
