package io.countersign.testing;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the REST API as a given token holder, through the real security filters. */
public class Api {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** For tests that turn an answer back into a body. */
    public static final JsonMapper JSON_READER = JSON;

    private final MockMvc mvc;

    public Api(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** A name no other test in the same application context uses: {@code unique("alice")} → {@code alice-17}. */
    public static String unique(String base) {
        return base + "-" + COUNTER.incrementAndGet();
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** The {@code field:code} of each issue a problem answer lists, in its order. */
    public static List<String> issues(JsonNode problem) {
        return problem.get("errors")
                .valueStream()
                .map(issue ->
                        issue.get("field").asString() + ":" + issue.get("code").asString())
                .toList();
    }

    public static List<String> issues(Response answer) {
        return issues(answer.json());
    }

    /** The strings of a JSON array, in its order. */
    public static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    /** The names of a JSON object's fields, in the order they were written. */
    public static List<String> fieldNames(JsonNode object) {
        return object.propertyStream().map(Map.Entry::getKey).toList();
    }

    /** A new user of the role, who calls with an API token; answers the token. */
    public String tokenHolder(String base, String role) {
        String name = unique(base);
        asAdmin()
                .post("/api/v1/users", json(Map.of("username", name, "email", name + "@example.com", "role", role)))
                .expect(201);
        return tokenFor(name);
    }

    /** A new webhook to {@code url} for {@code events}, registered by the administrator; answers its id. */
    public String webhook(String url, String... events) {
        return asAdmin()
                .post(
                        "/api/v1/webhooks",
                        json(Map.of(
                                "url", url, "events", List.of(events), "secret", "0123456789abcdef0123456789abcdef")))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    /** A new API token for an existing user, issued by the administrator; answers the token. */
    public String tokenFor(String user) {
        return asAdmin()
                .post("/api/v1/users/" + user + "/tokens", json(Map.of("name", "t")))
                .expect(201)
                .json()
                .get("token")
                .asString();
    }

    /**
     * The user {@code from}, calling with their {@code token}, hands their approvals to {@code delegate}
     * from now until {@code until}; answers the delegation's id.
     */
    public String delegate(String token, String from, String delegate, Instant until) {
        return as(token)
                .post(
                        "/api/v1/users/" + from + "/delegations",
                        json(Map.of("delegate", delegate, "until", until.toString())))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    /** A new user of the role who signs in with the password; answers their unique username. */
    public String person(String base, String role, String password) {
        String name = unique(base);
        asAdmin()
                .post(
                        "/api/v1/users",
                        json(Map.of(
                                "username", name, "email", name + "@example.com", "role", role, "password", password)))
                .expect(201);
        return name;
    }

    /**
     * The policy field of a break-glass block: access at once for up to {@code maxDuration}, telling
     * {@code notify} of each use and asking {@code reviewers} (each as a policy names approvers) to
     * review it within {@code reviewWithin}.
     */
    public static Map<String, Object> breakGlassBlock(
            String maxDuration, List<?> notify, List<?> reviewers, String reviewWithin) {
        return Map.of(
                "breakGlass",
                Map.of(
                        "maxDuration",
                        maxDuration,
                        "notify",
                        notify,
                        "reviewers",
                        reviewers,
                        "reviewWithin",
                        reviewWithin));
    }

    /** A new database resource named after {@code base}, with one account, {@code admin}; answers its name. */
    public String resource(String base) {
        String resource = unique(base);
        asAdmin()
                .post(
                        "/api/v1/resources",
                        json(Map.of("name", resource, "type", "database", "accounts", List.of("admin"))))
                .expect(201);
        return resource;
    }

    /**
     * A new database resource with one account, {@code admin}, governed by a new policy of the given
     * fields (steps, break-glass...); answers the resource's name.
     */
    public String resourceGovernedBy(Map<String, Object> policy) {
        String resource = resource("db");
        Map<String, Object> body = new LinkedHashMap<>(policy);
        body.put("name", unique("policy"));
        body.put("conditions", Map.of("resourceName", resource));
        asAdmin().post("/api/v1/policies", json(body)).expect(201);
        return resource;
    }

    /** Asks, as the token's holder, for the resource's {@code admin} account; answers the request's id. */
    public String ask(String token, String resource, Map<String, Object> extra) {
        return newRequest(token, resource, extra).get("id").asString();
    }

    /**
     * Asks, as the token's holder, for the resource's {@code admin} account, {@code extra} adding or
     * overriding body fields; answers the request as created.
     */
    public JsonNode newRequest(String token, String resource, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("resource", resource, "account", "admin"));
        body.putAll(extra);
        return as(token).post("/api/v1/requests", json(body)).expect(201).json();
    }

    /** A request's status as the administrator sees it: {@code PENDING}, {@code APPROVED}... */
    public String status(String requestId) {
        return asAdmin()
                .get("/api/v1/requests/" + requestId)
                .expect(200)
                .json()
                .get("status")
                .asString();
    }

    /** Deactivates the user {@code username}, a {@code USER} at {@code <username>@example.com}, as an administrator. */
    public void deactivate(String username) {
        asAdmin()
                .put(
                        "/api/v1/users/" + username,
                        json(Map.of("email", username + "@example.com", "role", "USER", "active", false)))
                .expect(200);
    }

    public Caller asAdmin() {
        return as(ADMIN_TOKEN);
    }

    public Caller as(String token) {
        return new Caller(token);
    }

    public Caller anonymous() {
        return new Caller(null);
    }

    public final class Caller {
        private final String token;

        private Caller(String token) {
            this.token = token;
        }

        public Response get(String path) {
            return call(HttpMethod.GET, path, null);
        }

        public Response post(String path, String body) {
            return call(HttpMethod.POST, path, body);
        }

        public Response put(String path, String body) {
            return call(HttpMethod.PUT, path, body);
        }

        public Response delete(String path) {
            return call(HttpMethod.DELETE, path, null);
        }

        public Response call(HttpMethod method, String path, String body, String... headers) {
            MockHttpServletRequestBuilder builder = request(method, path);
            if (!names(headers).contains(HttpHeaders.ACCEPT.toLowerCase(Locale.ROOT))) {
                builder.accept(MediaType.APPLICATION_JSON);
            }
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            if (body != null) {
                builder.content(body);
                if (!names(headers).contains(HttpHeaders.CONTENT_TYPE.toLowerCase(Locale.ROOT))) {
                    builder.contentType(MediaType.APPLICATION_JSON);
                }
            }
            try {
                var result = mvc.perform(builder).andReturn();
                if (result.getRequest().isAsyncStarted()) {
                    result = mvc.perform(
                                    org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(
                                            result))
                            .andReturn();
                }
                var response = result.getResponse();
                Map<String, String> answered = new LinkedHashMap<>();
                response.getHeaderNames()
                        .forEach(name -> answered.put(name.toLowerCase(Locale.ROOT), response.getHeader(name)));
                return new Response(
                        response.getStatus(), response.getContentAsString(), response.getContentType(), answered);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<String> names(String... headers) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            names.add(headers[i].toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** An HTTP answer; {@link #json()} parses the body. */
    public record Response(int status, String body, String contentType, Map<String, String> headers) {

        public Response(int status, String body, String contentType) {
            this(status, body, contentType, Map.of());
        }

        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        }

        /** Fails with the body in the message when the status is not the expected one. */
        public Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }
}
