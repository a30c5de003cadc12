package io.countersign.request;

import java.time.Instant;
import java.util.List;

/** What a delegation asks: to whom, from when (now when absent), until when, for which resources (globs; all when absent). */
public record DelegationInput(String delegate, Instant from, Instant until, List<String> resources) {}
