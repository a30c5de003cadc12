package io.countersign.notify.internal;

import java.net.URI;
import java.net.URISyntaxException;

/** Shortens endpoint URLs for notes and logs, where a token in the query must not appear. */
public final class WebhookUrls {

    private WebhookUrls() {}

    /** Scheme, host, port and path only: what a note or a log line may show. */
    public static String redacted(String url) {
        try {
            URI uri = new URI(url);
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return uri.getScheme() + "://" + uri.getHost() + port + path;
        } catch (URISyntaxException e) {
            return "(invalid URL)";
        }
    }
}
