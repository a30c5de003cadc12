package io.countersign.shared;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Addresses Countersign posts to (webhook receivers, chat platforms and their proxies): absolute http
 * or https URLs with a host, a port a connection can use, and no user name or password, which would
 * be shown back wherever the address is.
 */
public final class HttpUrls {

    public static final int MAX_LENGTH = 2000;

    private HttpUrls() {}

    /** Adds a problem to {@code problems} unless {@code url} is such an address; a null is required. */
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
        // URI takes any number as a port; a connection cannot be made to one above 65535
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            problems.add(field, "invalid_url", "must have a port between 1 and 65535");
            return;
        }
        problems.check(
                uri.getRawUserInfo() == null,
                field,
                "credentials_in_url",
                "must not carry a user name or password; it is shown wherever the address is");
    }
}
