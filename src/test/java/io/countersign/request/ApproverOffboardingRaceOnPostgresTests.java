package io.countersign.request;

import io.countersign.testing.OnPostgres;

/** {@link ApproverOffboardingRaceTests} on PostgreSQL, where creations hold a shared advisory lock. */
@OnPostgres
class ApproverOffboardingRaceOnPostgresTests extends ApproverOffboardingRaceTests {}
