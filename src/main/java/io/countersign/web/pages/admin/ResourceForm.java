package io.countersign.web.pages.admin;

import io.countersign.inventory.Resource;
import io.countersign.inventory.ResourceInput;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import io.countersign.web.pages.FormText;
import io.countersign.web.pages.LabelLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
                LabelLines.write(new TreeMap<>(resource.labels())));
    }

    ResourceInput toInput() {
        List<FieldIssue> issues = new ArrayList<>();
        Map<String, String> read = LabelLines.read(labels, "labels", issues);
        if (!issues.isEmpty()) {
            throw new InvalidInputException(issues);
        }
        return new ResourceInput(
                name, type, FormText.names(groups), read, FormText.names(owners), FormText.names(accounts));
    }

    ResourceForm named(String fixed) {
        return new ResourceForm(fixed, type, groups, owners, accounts, labels);
    }
}
