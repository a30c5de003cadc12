package io.countersign.web.pages.policies;

import io.countersign.shared.FieldIssue;
import io.countersign.web.pages.FieldMessages;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places each coded issue of the policy's validation beside the editor field it is about:
 * {@code conditions.resourceGroups[1]} beside "Resource groups", {@code steps[1].approvers[0].user}
 * beside step 2's approvers. An issue no field shows is listed above the form.
 */
final class FieldErrors {

    static final String GENERAL = "general";

    private static final Pattern STEP = Pattern.compile("steps\\[(\\d+)]\\.(\\w+).*");
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("conditions", "resourceName"),
            Map.entry("conditions.resourceName", "resourceName"),
            Map.entry("conditions.accountName", "accountName"),
            Map.entry("conditions.resourceGroups", "resourceGroups"),
            Map.entry("conditions.resourceTypes", "resourceTypes"),
            Map.entry("conditions.requesterGroups", "requesterGroups"),
            Map.entry("conditions.labels", "labels"),
            Map.entry("autoApprove.requesterGroups", "autoApproveGroups"),
            Map.entry("autoApprove.minLevel", "autoApproveMinLevel"));

    private FieldErrors() {}

    static FieldMessages place(List<FieldIssue> issues) {
        return FieldMessages.place(issues, path -> fieldOf(local(path)), Set.of(GENERAL));
    }

    /** The editor field for a validation path, or {@link #GENERAL}. */
    static String fieldOf(String path) {
        Matcher step = STEP.matcher(path);
        if (step.matches()) {
            return "steps[" + step.group(1) + "]." + step.group(2);
        }
        String head = path.replaceFirst("\\[.*$", "");
        for (int dot = head.length(); dot > 0; dot = head.lastIndexOf('.', dot - 1)) {
            String prefix = head.substring(0, dot);
            if (FIELDS.containsKey(prefix)) {
                return FIELDS.get(prefix);
            }
        }
        return switch (head) {
            case "name",
                    "priority",
                    "defaultDuration",
                    "maxDuration",
                    "requestTtl",
                    "ticketPattern",
                    "steps",
                    "sampleResource",
                    "sampleAccount",
                    "sampleRequester" -> head;
            case "resource" -> "sampleResource";
            case "account" -> "sampleAccount";
            case "requester" -> "sampleRequester";
            default -> GENERAL;
        };
    }

    /** A path the policy service gave under a list of one ({@code [0].ticketPattern}), without that prefix. */
    static String local(String path) {
        return path.startsWith("[0].") ? path.substring(4) : path.startsWith("[0]") ? path.substring(3) : path;
    }
}
