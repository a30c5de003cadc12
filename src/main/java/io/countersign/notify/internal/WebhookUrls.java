package io.countersign.notify.internal;

import io.countersign.shared.Problems;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks endpoint URLs, and shortens them for notes and logs, where a token in the query must not appear. */
public final class WebhookUrls {

    public static final int MAX_LENGTH = 2000;

    private WebhookUrls() {}

    public static void check(Problems problems, String url, String field) {
        if (!problems.requireText(url, field, MAX_LENGTH)) {
            return;
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            problems.add(field, "invalid_url", "is not a valid URL");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(field, "invalid_url", "must be an absolute http or https URL");
            return;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            problems.add(field, "invalid_url", "must name a host");
            return;
        }
        problems.check(
                uri.getRawUserInfo() == null,
                field,
                "credentials_in_url",
                "must not carry a user name or password; receivers authenticate events by their signature");
    }

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
