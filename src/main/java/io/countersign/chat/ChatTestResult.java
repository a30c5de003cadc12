package io.countersign.chat;

/** What sending a test message came to: {@code error} is the platform's own answer when it failed. */
public record ChatTestResult(boolean sent, String error) {}
