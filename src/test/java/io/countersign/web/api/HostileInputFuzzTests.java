package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.bundle.Bundle;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Posts generated hostile JSON and YAML to every endpoint that reads a body, found from the request
 * mappings so that a new endpoint is covered without editing this test, as the administrator, who
 * may call all of them. Every answer must be a 4xx and nothing may change: the same row counts and
 * the same audit chain before and after. The run is seeded (fixed by default): set {@code -Dcountersign.fuzz.seed=N}
 * to replay the seed a failure names. It runs in an application context of its own: in a shared one,
 * a timer sweep finishing another test's overdue request would change what is stored mid-run.
 */
@CountersignTest
@TestPropertySource(properties = "countersign.instance-name=fuzz")
class HostileInputFuzzTests {

    /**
     * Fixed by default so that the build gives the same answer every time; pass another seed (or
     * {@code -Dcountersign.fuzz.seed=$RANDOM$RANDOM}) to explore further cases.
     */
    private static final long SEED = Long.getLong("countersign.fuzz.seed", 20261130L);

    /** Raw bodies (byte[]) are read as this type by the endpoint; name it so their fields are fuzzed too. */
    private static final Map<String, Type> RAW_BODIES = Map.of(WebLimits.IMPORT_PATH, Bundle.class);

    /**
     * Each run sends a seeded sample of each endpoint's cases, so that the test stays quick; the
     * whole-document cases (truncation, nesting, duplicate keys, a 10 MB string) are always sent.
     * {@code -Dcountersign.fuzz.cases=100000} sends every case of every endpoint.
     */
    private static final int CASES_PER_ENDPOINT = Integer.getInteger("countersign.fuzz.cases", 40);

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    @Autowired
    Api api;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Endpoint(RequestMethod method, String pattern, Type body, boolean yaml, Set<String> headers) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    @Test
    void noHostileDocumentToAnyWriteEndpointAnswers5xxOrChangesAnything() {
        Scene scene = new Scene(api);
        List<Endpoint> endpoints = writeEndpoints();
        assertThat(endpoints)
                .as("the endpoints found from the request mappings")
                .extracting(Endpoint::toString)
                .contains(
                        "POST /api/v1/users",
                        "PUT /api/v1/levels",
                        "POST /api/v1/import",
                        "PUT /api/v1/policies/{name}",
                        "POST /api/v1/requests/{id}/approve",
                        "POST /api/v1/webhooks");
        Random random = new Random(SEED);
        HostileDocuments documents = new HostileDocuments(random);
        StoredState before = StoredState.of(jdbc);
        int sent = 0;
        List<String> refusedBadly = new ArrayList<>();

        for (Endpoint endpoint : endpoints) {
            String path = fill(endpoint.pattern(), scene);
            for (HostileDocuments.Case hostile :
                    documents.sample(documents.forType(endpoint.body(), endpoint.yaml()), CASES_PER_ENDPOINT)) {
                var answer = send(endpoint, path, hostile);
                sent++;
                if (answer.status() < 400 || answer.status() > 499) {
                    refusedBadly.add(String.format(
                            "%s %s with %s (%s) answered %d %s",
                            endpoint.method(),
                            path,
                            hostile.description(),
                            hostile.contentType(),
                            answer.status(),
                            answer.body().length() > 500 ? answer.body().substring(0, 500) : answer.body()));
                }
            }
        }

        assertThat(refusedBadly)
                .as("seed %d: the cases not answered with a 4xx", SEED)
                .isEmpty();
        assertThat(sent).isGreaterThan(10 * Math.min(CASES_PER_ENDPOINT, 40));
        assertThat(StoredState.of(jdbc)).as("seed %d: what is stored", SEED).isEqualTo(before);
    }

    /** Every mapped POST, PUT or PATCH under /api/ whose handler reads a request body. */
    private List<Endpoint> writeEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
                mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            MethodParameter body = bodyParameter(mapping.getValue());
            if (body == null) {
                continue;
            }
            boolean yaml = info.getConsumesCondition().getConsumableMediaTypes().stream()
                    .anyMatch(type -> type.getSubtype().contains("yaml"));
            Set<String> headers = new TreeSet<>();
            info.getHeadersCondition().getExpressions().forEach(expression -> headers.add(expression.getName()));
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                Type type = body.getParameterType() == byte[].class
                        ? RAW_BODIES.get(pattern)
                        : body.getGenericParameterType();
                assertThat(type)
                        .as("how the raw body of %s is read; add it to RAW_BODIES", pattern)
                        .isNotNull();
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    if (method == RequestMethod.POST || method == RequestMethod.PUT || method == RequestMethod.PATCH) {
                        endpoints.add(new Endpoint(method, pattern, type, yaml, headers));
                    }
                }
            }
        }
        // the mappings come in no fixed order: sorted, a seed names the same cases on every run
        endpoints.sort(Comparator.comparing(Endpoint::toString).thenComparing(Endpoint::yaml));
        return endpoints;
    }

    private static MethodParameter bodyParameter(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return parameter;
            }
        }
        return null;
    }

    /** Path variables name things of the scene, so that the body is read where it matters. */
    private static String fill(String pattern, Scene scene) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "username" -> scene.dev;
                case "number" -> "1";
                case "id" -> {
                    if (pattern.startsWith("/api/v1/requests")) {
                        yield scene.pendingRequest;
                    }
                    if (pattern.startsWith("/api/v1/grants")) {
                        yield scene.grant;
                    }
                    yield pattern.startsWith("/api/v1/webhooks") ? scene.webhook : "unknown";
                }
                case "name" -> {
                    if (pattern.startsWith("/api/v1/groups")) {
                        yield scene.group;
                    }
                    if (pattern.startsWith("/api/v1/resources")) {
                        yield scene.resource;
                    }
                    yield pattern.startsWith("/api/v1/policies") ? scene.policy : "unknown";
                }
                default -> "unknown";
            };
            matcher.appendReplacement(out, value);
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private Api.Response send(Endpoint endpoint, String path, HostileDocuments.Case hostile) {
        var builder = MockMvcRequestBuilders.request(
                        org.springframework.http.HttpMethod.valueOf(
                                endpoint.method().name()),
                        path)
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .accept(MediaType.APPLICATION_JSON)
                .contentType(hostile.contentType())
                .content(hostile.body().getBytes(StandardCharsets.UTF_8));
        // a header a mapping requires (Prefer on request creation) is sent so that mapping is reached
        endpoint.headers().forEach(name -> builder.header(name, "wait=0"));
        try {
            var result = mvc.perform(builder).andReturn();
            if (result.getRequest().isAsyncStarted()) {
                result = mvc.perform(MockMvcRequestBuilders.asyncDispatch(result))
                        .andReturn();
            }
            var response = result.getResponse();
            return new Api.Response(response.getStatus(), response.getContentAsString(), response.getContentType());
        } catch (Exception e) {
            throw new AssertionError(
                    "seed " + SEED + ": " + endpoint + " with " + hostile.description() + " failed: " + e, e);
        }
    }
}
