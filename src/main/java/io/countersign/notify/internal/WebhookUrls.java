package io.countersign.notify.internal;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Shortens endpoint URLs for notes and logs, which auditors read: a token may stand in the query, and
 * incoming-webhook URLs (Slack's, Teams', Discord's) carry their secret in the path.
 */
public final class WebhookUrls {

    private WebhookUrls() {}

    /** Scheme, host and port only, and "/…" where a path was left out: what a note or a log line may show. */
    public static String redacted(String url) {
        try {
            URI uri = new URI(url);
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null
                            || uri.getRawPath().isEmpty()
                            || uri.getRawPath().equals("/")
                    ? "/"
                    : "/…";
            return uri.getScheme() + "://" + uri.getHost() + port + path;
        } catch (URISyntaxException e) {
            return "(invalid URL)";
        }
    }
}
