package io.countersign.policy.internal;

import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyDefinition.Conditions;
import io.countersign.shared.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A valid, normalized policy ready for matching: globs compiled, condition sets built and the
 * specificity figures that precedence compares computed once.
 */
public final class CompiledPolicy {

    private final PolicyDefinition definition;
    private final Glob resource;
    private final Glob account;
    private final Set<String> resourceGroups;
    private final Set<String> resourceTypes;
    private final Set<String> requesterGroups;
    private final Map<String, String> labels;
    private final int wildcards;
    private final int literalLength;
    private final int conditionCount;

    private CompiledPolicy(PolicyDefinition definition) {
        this.definition = definition;
        Conditions c = definition.conditions();
        this.resource = c.resourceName() == null ? null : Glob.compile(c.resourceName());
        this.account = c.accountName() == null ? null : Glob.compile(c.accountName());
        this.resourceGroups = Set.copyOf(c.resourceGroups());
        this.resourceTypes = Set.copyOf(c.resourceTypes());
        this.requesterGroups = Set.copyOf(c.requesterGroups());
        // policies saved before their label keys were lower-cased keep them as they were written
        Map<String, String> keys = new java.util.HashMap<>();
        c.labels().forEach((key, value) -> keys.put(Names.canonical(key), value));
        this.labels = Map.copyOf(keys);
        // an absent pattern matches any name, exactly as '*' would, and counts as one wildcard
        this.wildcards = (resource == null ? 1 : resource.wildcards()) + (account == null ? 1 : account.wildcards());
        this.literalLength =
                (resource == null ? 0 : resource.literalLength()) + (account == null ? 0 : account.literalLength());
        this.conditionCount = count(resource != null)
                + count(account != null)
                + count(!resourceGroups.isEmpty())
                + count(!resourceTypes.isEmpty())
                + count(!requesterGroups.isEmpty())
                + count(!labels.isEmpty());
    }

    /** Compiles a policy that {@link PolicyValidator} accepted. */
    public static CompiledPolicy of(PolicyDefinition normalized) {
        return new CompiledPolicy(normalized);
    }

    public boolean matches(MatchSubject s) {
        return (resource == null || resource.matches(s.resource()))
                && (account == null || account.matches(s.account()))
                && (resourceGroups.isEmpty() || intersects(resourceGroups, s.resourceGroups()))
                && (resourceTypes.isEmpty() || resourceTypes.contains(s.resourceType()))
                && (requesterGroups.isEmpty() || intersects(requesterGroups, s.requesterGroups()))
                && labelsPresent(s.resourceLabels());
    }

    /** Why the conditions hold for the subject, one line per condition; call only when it matches. */
    public List<String> reasons(MatchSubject s) {
        List<String> lines = new ArrayList<>();
        lines.add(
                resource == null
                        ? "the policy does not restrict the resource name"
                        : "resource '" + s.resource() + "' matches '" + resource + "'");
        lines.add(
                account == null
                        ? "the policy does not restrict the account name"
                        : "account '" + s.account() + "' matches '" + account + "'");
        if (!resourceGroups.isEmpty()) {
            lines.add("resource '" + s.resource() + "' is in resource group '"
                    + firstCommon(resourceGroups, s.resourceGroups()) + "'");
        }
        if (!resourceTypes.isEmpty()) {
            lines.add("resource type '" + s.resourceType() + "' is one of " + sorted(resourceTypes));
        }
        if (!requesterGroups.isEmpty()) {
            lines.add("requester '" + s.requester() + "' is in group '"
                    + firstCommon(requesterGroups, s.requesterGroups()) + "'");
        }
        if (!labels.isEmpty()) {
            lines.add("resource '" + s.resource() + "' has the labels " + new java.util.TreeMap<>(labels));
        }
        return lines;
    }

    public PolicyDefinition definition() {
        return definition;
    }

    public String name() {
        return definition.name();
    }

    public int priority() {
        return definition.priority();
    }

    public boolean enabled() {
        return definition.enabled();
    }

    /** The resource pattern, or null when the policy does not restrict the resource name. */
    public Glob resourceGlob() {
        return resource;
    }

    /** The account pattern, or null when the policy does not restrict the account name. */
    public Glob accountGlob() {
        return account;
    }

    public int wildcards() {
        return wildcards;
    }

    public int literalLength() {
        return literalLength;
    }

    public int conditionCount() {
        return conditionCount;
    }

    @Override
    public String toString() {
        return name();
    }

    private boolean labelsPresent(Map<String, String> present) {
        for (Map.Entry<String, String> wanted : labels.entrySet()) {
            if (!wanted.getValue().equals(present.get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean intersects(Set<String> wanted, Set<String> present) {
        for (String candidate : present) {
            if (wanted.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static String firstCommon(Set<String> wanted, Set<String> present) {
        return present.stream().filter(wanted::contains).sorted().findFirst().orElse("?");
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static int count(boolean condition) {
        return condition ? 1 : 0;
    }
}
