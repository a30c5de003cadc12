package io.countersign.notify;

import java.util.List;

/** What an administrator sends to configure an endpoint. */
public record WebhookInput(String url, List<String> events, String secret) {}
