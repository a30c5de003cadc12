package io.countersign.web.pages.admin;

import io.countersign.inventory.Resource;
import io.countersign.inventory.ResourceInput;
import io.countersign.shared.InvalidInputException;
import io.countersign.web.pages.FormText;
import java.util.TreeMap;

/**
 * What the resource form sends: groups, owners and privileged accounts as names separated by commas
 * or spaces, labels as {@code key=value} lines.
 */
public record ResourceForm(String name, String type, String groups, String owners, String accounts, String labels) {

    static ResourceForm blank() {
        return new ResourceForm(null, null, null, null, null, null);
    }

    static ResourceForm of(Resource resource) {
        return new ResourceForm(
                resource.name(),
                resource.type(),
                FormText.names(resource.groups().stream().sorted().toList()),
                FormText.names(resource.owners().stream().sorted().toList()),
                FormText.names(resource.accounts().stream().sorted().toList()),
                FormText.labelLines(new TreeMap<>(resource.labels())));
    }

    ResourceInput toInput() {
        requireKeys(labels);
        return new ResourceInput(
                name,
                type,
                FormText.names(groups),
                FormText.labelLines(labels),
                FormText.names(owners),
                FormText.names(accounts));
    }

    ResourceForm named(String fixed) {
        return new ResourceForm(fixed, type, groups, owners, accounts, labels);
    }

    /**
     * A line such as {@code =value} would reach the service as a label with an empty key, refused as
     * "'': must not be blank", which names neither the line nor what it lacks.
     */
    private static void requireKeys(String typed) {
        if (FormText.blank(typed)) {
            return;
        }
        String[] lines = typed.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            int equals = lines[i].indexOf('=');
            if (equals >= 0 && lines[i].substring(0, equals).isBlank()) {
                throw InvalidInputException.of(
                        "labels",
                        "missing_key",
                        "Line " + (i + 1) + " has no key before its '=': write it as key=value.");
            }
        }
    }
}
