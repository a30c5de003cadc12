package io.countersign.request;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approval plans to and from the text {@code access_requests.policy_snapshot} stores. The requests
 * of one policy revision share one plan, so each direction keeps what it computed: parsing the text
 * on every read cost about 2 % of the service's CPU under a decision load, and writing it on every
 * creation about 6 % of the creation's. A snapshot is immutable and its text a function of its value,
 * so one copy of each serves every request. Bounded: an entry lost costs one parse or one write.
 */
final class StoredPlans {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Cache<String, PlanSnapshot> BY_TEXT =
            Caffeine.newBuilder().maximumSize(512).executor(Runnable::run).build();

    private static final Cache<PlanSnapshot, String> BY_PLAN =
            Caffeine.newBuilder().maximumSize(512).executor(Runnable::run).build();

    private StoredPlans() {}

    static PlanSnapshot plan(String text) {
        return BY_TEXT.get(text, stored -> JSON.readValue(stored, PlanSnapshot.class));
    }

    static String text(PlanSnapshot plan) {
        return BY_PLAN.get(plan, JSON::writeValueAsString);
    }
}
