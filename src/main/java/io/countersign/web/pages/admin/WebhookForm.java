package io.countersign.web.pages.admin;

import io.countersign.notify.WebhookInput;
import io.countersign.shared.Redacted;
import java.util.List;

/** What the webhook form sends: the ticked event types; the secret is never shown again, even after a refusal. */
public record WebhookForm(String url, List<String> events, String secret) {

    static WebhookForm blank() {
        return new WebhookForm(null, List.of(), null);
    }

    WebhookInput toInput() {
        return new WebhookInput(url, events == null ? List.of() : events, secret);
    }

    WebhookForm withoutSecret() {
        return new WebhookForm(url, events == null ? List.of() : events, null);
    }

    @Override
    public String toString() {
        return Redacted.toString(this, "secret");
    }
}
