package io.countersign.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A realistic organisation as a bundle: hundreds of users in a management tree, teams, resources of
 * several types with labels, owners and accounts, and policies that use every kind of condition,
 * approver selector, limit and auto-approval. Names start with {@code prefix} so that it can sit
 * beside whatever a test already has.
 */
final class GeneratedOrganisation {

    static final List<String> LEVELS = List.of("engineer", "team-lead", "manager", "director");
    static final List<String> TYPES = List.of("ssh", "database", "kubernetes", "web", "rdp", "vpn");

    private final String prefix;
    private final int users;
    private final int groups;
    private final int resources;
    private final int policies;

    GeneratedOrganisation(String prefix, int users, int groups, int resources, int policies) {
        this.prefix = prefix;
        this.users = users;
        this.groups = groups;
        this.resources = resources;
        this.policies = policies;
    }

    String user(int i) {
        return prefix + "-u" + i;
    }

    String group(int i) {
        return prefix + "-g" + i;
    }

    String resource(int i) {
        return prefix + "-r" + i;
    }

    String policy(int i) {
        return prefix + "-p" + i;
    }

    Map<String, Object> bundle() {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("levels", LEVELS);
        bundle.put("users", users());
        bundle.put("groups", groups());
        bundle.put("resources", resources());
        bundle.put("policies", policies());
        return bundle;
    }

    private List<Object> users() {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", user(i));
            user.put("email", user(i) + "@example.com");
            user.put("displayName", "Person " + i);
            user.put("level", LEVELS.get(i < 4 ? 3 - i : i % 3));
            if (i > 0) {
                user.put("manager", user((i - 1) / 8));
            }
            user.put("role", i % 50 == 0 ? "AUDITOR" : "USER");
            user.put("active", i % 97 != 96);
            list.add(user);
        }
        return list;
    }

    private List<Object> groups() {
        List<Object> list = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<String> members = new ArrayList<>();
            for (int m = g; m < users; m += groups) {
                members.add(user(m));
            }
            list.add(Map.of("name", group(g), "members", members, "managers", List.of(user(g % 8))));
        }
        return list;
    }

    private List<Object> resources() {
        List<Object> list = new ArrayList<>();
        for (int r = 0; r < resources; r++) {
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("name", resource(r));
            resource.put("type", TYPES.get(r % TYPES.size()));
            resource.put("groups", List.of(group(r % groups)));
            resource.put("labels", Map.of("env", r % 3 == 0 ? "prod" : "dev", "port", String.valueOf(5000 + r)));
            resource.put("owners", List.of(user(r % users)));
            resource.put("accounts", r % 2 == 0 ? List.of("root", "readonly") : List.of("admin"));
            list.add(resource);
        }
        return list;
    }

    private List<Object> policies() {
        List<Object> list = new ArrayList<>();
        for (int p = 0; p < policies; p++) {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("name", policy(p));
            policy.put("enabled", p % 10 != 9);
            policy.put("priority", p);
            Map<String, Object> conditions = new LinkedHashMap<>();
            conditions.put("resourceName", resource(p % resources) + "*");
            if (p % 2 == 0) {
                conditions.put("accountName", "r*");
            }
            if (p % 3 == 0) {
                conditions.put("resourceGroups", List.of(group(p % groups)));
                conditions.put("labels", Map.of("env", "prod"));
            }
            if (p % 4 == 0) {
                conditions.put("resourceTypes", List.of(TYPES.get(p % TYPES.size())));
                conditions.put("requesterGroups", List.of(group((p + 1) % groups)));
            }
            policy.put("conditions", conditions);
            policy.put("defaultDuration", "PT" + (1 + p % 3) + "H");
            policy.put("maxDuration", "PT" + (4 + p % 5) + "H");
            policy.put("requestTtl", "PT" + (12 + p % 12) + "H");
            policy.put("requireJustification", p % 2 == 1);
            if (p % 5 == 0) {
                policy.put("ticketPattern", "^(INC|CHG)-[0-9]+$");
            }
            policy.put("allowSelfApproval", p % 7 == 0);
            policy.put("distinctApproversAcrossSteps", p % 6 != 0);
            policy.put(
                    "autoApprove",
                    p % 8 == 0
                            ? Map.of(
                                    "requesterGroups",
                                    List.of(group(p % groups)),
                                    "minLevel",
                                    "director",
                                    "whenRequesterIsApprover",
                                    true)
                            : Map.of());
            policy.put("steps", p % 11 == 10 ? List.of() : steps(p));
            list.add(policy);
        }
        return list;
    }

    private List<Object> steps(int p) {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("name", "Team review " + p);
        first.put("approvers", List.of(Map.of("requesterManager", true), Map.of("group", group(p % groups))));
        first.put("requiredApprovals", 1);
        first.put("timeout", "PT30M");
        first.put("onTimeout", "REJECT");
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("name", "Security review");
        second.put("approvers", List.of(Map.of("user", user(p % users)), Map.of("minLevel", "manager")));
        second.put("requiredApprovals", 1 + p % 2);
        second.put("timeout", "PT2H");
        second.put("onTimeout", "ESCALATE");
        second.put("escalateTo", List.of(Map.of("minLevel", "director"), Map.of("resourceOwners", true)));
        return p % 2 == 0 ? List.of(first, second) : List.of(second);
    }
}
