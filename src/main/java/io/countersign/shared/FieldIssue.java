package io.countersign.shared;

/** One problem with one field of an input: {@code code} is stable for clients, {@code message} is for people. */
public record FieldIssue(String field, String code, String message) {}
