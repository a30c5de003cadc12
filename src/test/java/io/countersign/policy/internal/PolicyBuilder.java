package io.countersign.policy.internal;

import io.countersign.policy.ApproverSelector;
import io.countersign.policy.OnTimeout;
import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyDefinition.AutoApprove;
import io.countersign.policy.PolicyDefinition.Conditions;
import io.countersign.policy.PolicyDefinition.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds policy definitions for tests: {@code policy("prod").resource("prod-*").step(1, group("dba"))}. */
public final class PolicyBuilder {

    private final String name;
    private boolean enabled = true;
    private int priority;
    private String resource;
    private String account;
    private List<String> resourceGroups = List.of();
    private List<String> resourceTypes = List.of();
    private List<String> requesterGroups = List.of();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private boolean allowSelfApproval;
    private boolean distinct = true;
    private AutoApprove autoApprove = AutoApprove.off();
    private PolicyDefinition.Extension extension;

    private PolicyBuilder(String name) {
        this.name = name;
    }

    public static PolicyBuilder policy(String name) {
        return new PolicyBuilder(name);
    }

    public PolicyBuilder resource(String pattern) {
        this.resource = pattern;
        return this;
    }

    public PolicyBuilder account(String pattern) {
        this.account = pattern;
        return this;
    }

    public PolicyBuilder priority(int value) {
        this.priority = value;
        return this;
    }

    public PolicyBuilder disabled() {
        this.enabled = false;
        return this;
    }

    public PolicyBuilder resourceGroups(String... groups) {
        this.resourceGroups = List.of(groups);
        return this;
    }

    public PolicyBuilder resourceTypes(String... types) {
        this.resourceTypes = List.of(types);
        return this;
    }

    public PolicyBuilder requesterGroups(String... groups) {
        this.requesterGroups = List.of(groups);
        return this;
    }

    public PolicyBuilder label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public PolicyBuilder step(int required, ApproverSelector... approvers) {
        return step(null, required, approvers);
    }

    public PolicyBuilder step(String stepName, int required, ApproverSelector... approvers) {
        steps.add(new Step(stepName, List.of(approvers), required, null, null, List.of()));
        return this;
    }

    public PolicyBuilder escalatingStep(
            int required, Duration timeout, ApproverSelector approver, ApproverSelector to) {
        steps.add(new Step(null, List.of(approver), required, timeout, OnTimeout.ESCALATE, List.of(to)));
        return this;
    }

    public PolicyBuilder allowSelfApproval() {
        this.allowSelfApproval = true;
        return this;
    }

    public PolicyBuilder sameApproverMayCoverSeveralSteps() {
        this.distinct = false;
        return this;
    }

    public PolicyBuilder autoApprove(List<String> trustedGroups, String minLevel, boolean whenRequesterIsApprover) {
        this.autoApprove = new AutoApprove(trustedGroups, minLevel, whenRequesterIsApprover);
        return this;
    }

    /** Extensions up to {@code maxTotal} in all, approved by {@code extensionSteps} (none given: the policy's steps). */
    public PolicyBuilder extension(Duration maxTotal, Step... extensionSteps) {
        this.extension =
                new PolicyDefinition.Extension(maxTotal, extensionSteps.length == 0 ? null : List.of(extensionSteps));
        return this;
    }

    public PolicyDefinition build() {
        return PolicyNormalizer.normalize(new PolicyDefinition(
                name,
                enabled,
                priority,
                new Conditions(resource, account, resourceGroups, resourceTypes, requesterGroups, labels),
                null,
                null,
                null,
                null,
                null,
                allowSelfApproval,
                distinct,
                autoApprove,
                steps,
                extension,
                null,
                null));
    }

    public CompiledPolicy compile() {
        return CompiledPolicy.of(build());
    }
}
