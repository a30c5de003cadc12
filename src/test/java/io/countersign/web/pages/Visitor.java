package io.countersign.web.pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a screen: real HTTP with a cookie jar, following redirects one by one so that a
 * test can read every address it passed through (the authorization request, the provider's redirect).
 */
final class Visitor {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final List<URI> visited = new ArrayList<>();
    /** The client a proxy in front of the service says it forwards for, on every request; or null. */
    private final String forwardedFor;

    Visitor() {
        this(null);
    }

    private Visitor(String forwardedFor) {
        this.forwardedFor = forwardedFor;
    }

    /** A browser behind a proxy on the local network, which names the client in {@code X-Forwarded-For}. */
    static Visitor behindAProxyFor(String clientAddress) {
        return new Visitor(clientAddress);
    }

    /** A visitor signed in with a password at {@code base}'s sign-in form. */
    static Visitor signedIn(String base, String username, String password) {
        Visitor visitor = new Visitor();
        HttpResponse<String> landed = visitor.post(
                base + "/login",
                base + "/login",
                "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8));
        List<URI> passed = visitor.visited();
        if (landed.statusCode() != 200
                || passed.get(passed.size() - 1).getPath().equals("/login")) {
            throw new AssertionError(username + " could not sign in: " + landed.statusCode() + " " + passed);
        }
        return visitor;
    }

    /** Every address visited since the last call to {@link #open} or {@link #post}, in order. */
    List<URI> visited() {
        return List.copyOf(visited);
    }

    /** Opens the address and follows its redirects; answers the last response. */
    HttpResponse<String> open(String address) {
        visited.clear();
        return follow(request(URI.create(address)).GET().build());
    }

    /**
     * Sends one request with {@code method}, no body and any extra {@code headers} (name, value, ...),
     * each in place of a browser's own (an {@code Accept} of a script's), following no redirect.
     */
    HttpResponse<String> ask(String method, String address, String... headers) {
        visited.clear();
        HttpRequest.Builder builder = request(URI.create(address)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        HttpRequest request = builder.build();
        visited.add(request.uri());
        return send(request);
    }

    /**
     * Posts a form ({@code fields} as {@code name=value&...}, URL-encoded) with the CSRF token of the
     * page at {@code page}, and follows the redirects.
     */
    HttpResponse<String> post(String page, String address, String fields) {
        Matcher token = CSRF.matcher(open(page).body());
        if (!token.find()) {
            throw new AssertionError("no CSRF token on " + page);
        }
        visited.clear();
        String body = "_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)
                + (fields.isEmpty() ? "" : "&" + fields);
        return follow(request(URI.create(address))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /**
     * Posts {@code body} as {@code contentType}, with the CSRF token of the page at {@code page} in the
     * address's query as a script might send it, following no redirect.
     */
    HttpResponse<String> postWithTokenInQuery(String page, String address, String contentType, String body) {
        String token = csrfToken(page);
        visited.clear();
        HttpRequest request = request(URI.create(address + (address.contains("?") ? "&" : "?") + "_csrf="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        visited.add(request.uri());
        return send(request);
    }

    /**
     * Posts {@code body} as {@code contentType}, with the CSRF token of the page at {@code page} in the
     * header a script sends it in, following no redirect.
     */
    HttpResponse<String> postWithTokenInHeader(String page, String address, String contentType, String body) {
        String token = csrfToken(page);
        visited.clear();
        HttpRequest request = request(URI.create(address))
                .header("Content-Type", contentType)
                .header("X-CSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        visited.add(request.uri());
        return send(request);
    }

    /** The CSRF token of the form on the page at {@code page}. */
    String csrfToken(String page) {
        Matcher token = CSRF.matcher(open(page).body());
        if (!token.find()) {
            throw new AssertionError("no CSRF token on " + page);
        }
        return token.group(1);
    }

    /** Posts a form ({@code fields} as {@code name=value&...}) as it is, adding no token, following no redirect. */
    HttpResponse<String> submit(String address, String fields) {
        visited.clear();
        HttpRequest request = request(URI.create(address))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields))
                .build();
        visited.add(request.uri());
        return send(request);
    }

    private HttpResponse<String> follow(HttpRequest first) {
        HttpRequest next = first;
        for (int hop = 0; hop < 12; hop++) {
            visited.add(next.uri());
            HttpResponse<String> response = send(next);
            var location = response.headers().firstValue("Location");
            if (response.statusCode() / 100 != 3 || location.isEmpty()) {
                return response;
            }
            next = request(next.uri().resolve(location.get())).GET().build();
        }
        throw new AssertionError("too many redirects: " + visited);
    }

    private HttpRequest.Builder request(URI uri) {
        // what a browser asks for, so that errors come back as the pages a browser is shown
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return forwardedFor == null ? builder : builder.header("X-Forwarded-For", forwardedFor);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
