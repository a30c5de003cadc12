package io.countersign.web.pages.policies;

import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyDefinition.BreakGlass;
import io.countersign.policy.PolicyDefinition.Extension;
import io.countersign.shared.FieldIssue;
import io.countersign.web.pages.FormText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings of a policy the editor does not show (extension rules, grants that start on first use,
 * their claim window, break-glass), carried in the draft as the API writes them. Saving a stored policy
 * keeps its own; a policy deleted while its draft was open is created anew with those the draft carries,
 * rather than silently without them. The field gives an administrator nothing the API does not.
 */
@Component
class UnshownSettings {

    /** What the draft carries; {@link #NONE} for a policy that has none of them. */
    record Settings(Extension extension, Boolean startOnFirstUse, Duration claimWindow, BreakGlass breakGlass) {

        static final Settings NONE = new Settings(null, null, null, null);

        static Settings of(PolicyDefinition policy) {
            return new Settings(
                    policy.extension(), policy.startOnFirstUse(), policy.claimWindow(), policy.breakGlass());
        }

        /** "break-glass, extension rules and claim window": what a policy created from the draft keeps. */
        String named() {
            List<String> named = new ArrayList<>();
            if (breakGlass != null) {
                named.add("break-glass");
            }
            if (extension != null) {
                named.add("extension rules");
            }
            if (Boolean.TRUE.equals(startOnFirstUse)) {
                named.add("grants that start on first use");
            }
            if (claimWindow != null) {
                named.add("claim window");
            }
            if (named.size() < 2) {
                return String.join("", named);
            }
            return String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.get(named.size() - 1);
        }
    }

    private final JsonMapper json;

    UnshownSettings(JsonMapper json) {
        this.json = json;
    }

    /** The policy's unshown settings as the draft carries them; empty when it has none. */
    String write(PolicyDefinition policy) {
        Settings settings = Settings.of(policy);
        return settings.named().isEmpty() ? "" : json.writeValueAsString(settings);
    }

    /** What the draft carries; an unreadable field, which no page writes, is a problem of the draft. */
    Settings read(String carried, DraftIssues issues) {
        if (FormText.blank(carried)) {
            return Settings.NONE;
        }
        try {
            return json.readValue(carried, Settings.class);
        } catch (JacksonException e) {
            issues.issues.add(
                    new FieldIssue("unshown", "invalid_value", "the settings the editor does not show cannot be read"));
            return Settings.NONE;
        }
    }
}
