package io.countersign.instances;

import static org.awaitility.Awaitility.await;

import io.countersign.CountersignApplication;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.web.CheckListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running instance of the service, a full application on a real port, called over real HTTP.
 * Several instances share one database and one {@link MutableClock}, as servers share a clock.
 */
final class Instance implements AutoCloseable {

    static final String ENCRYPTION_KEY = "vz7yMsa4D+8DwWlZixIfA9wuIVAcblbbe9Fsi7swKi4=";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An HTTP answer. */
    record Answer(int status, JsonNode json) {
        Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + json);
            }
            return this;
        }
    }

    private final ConfigurableApplicationContext context;
    private final Process process;
    private final String base;

    private Instance(ConfigurableApplicationContext context) {
        this.context = context;
        this.process = null;
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    private Instance(Process process, int port) {
        this.context = null;
        this.process = process;
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * Starts the service as operators do, in a JVM of its own on {@code port}, working in {@code directory}
     * with its defaults (the embedded database in ./data) and the preset administrator; {@link #close}
     * sends it SIGTERM, so that what the JVM's own shutdown hooks do is part of the test.
     */
    static Instance startProcess(Path directory, int port) throws IOException {
        Path log = directory.resolve("service.log");
        ProcessBuilder start = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CountersignApplication.class.getName())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        start.environment().keySet().removeIf(name -> name.startsWith("COUNTERSIGN_"));
        start.environment().put("COUNTERSIGN_PORT", Integer.toString(port));
        start.environment().put("COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN", Api.ADMIN_TOKEN);
        start.environment().put("COUNTERSIGN_BOOTSTRAP_ADMIN_PASSWORD", "test-admin-password");
        Instance instance = new Instance(start.start(), port);
        try {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("the service exited:\n" + log, () -> !instance.process.isAlive())
                    .until(() -> instance.readiness() == 200);
        } catch (RuntimeException notReady) {
            instance.process.destroyForcibly();
            throw new IllegalStateException(Files.readString(log), notReady);
        }
        return instance;
    }

    /** The log of an instance started by {@link #startProcess}. */
    String processLog(Path directory) throws IOException {
        return Files.readString(directory.resolve("service.log"));
    }

    /** How the process started by {@link #startProcess} ended, once it has; its exit status. */
    int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the service did not stop within " + atMost);
        }
        return process.exitValue();
    }

    private int readiness() {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Starts an instance on {@code databaseUrl}; its clock is {@code clock}. {@code moreArguments} replace
     * the defaults of the same name ({@code --server.port=8123}, say), since a name given twice would
     * bind as both values joined.
     */
    static Instance start(String name, String databaseUrl, MutableClock clock, String... moreArguments) {
        Set<String> replaced =
                Stream.of(moreArguments).map(Instance::optionName).collect(Collectors.toSet());
        String[] arguments = Stream.concat(
                        Stream.of(arguments(name, databaseUrl))
                                .filter(argument -> !replaced.contains(optionName(argument))),
                        Stream.of(moreArguments))
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CountersignApplication.class)
                .profiles("test")
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", clock))
                .run(arguments);
        return new Instance(context);
    }

    private static String optionName(String argument) {
        int equals = argument.indexOf('=');
        return equals < 0 ? argument : argument.substring(0, equals);
    }

    private static String[] arguments(String name, String databaseUrl) {
        return new String[] {
            "--server.port=0",
            "--spring.datasource.url=" + databaseUrl,
            "--spring.datasource.username=",
            "--spring.datasource.password=",
            "--spring.datasource.hikari.maximum-pool-size=6",
            "--spring.datasource.hikari.minimum-idle=0",
            "--countersign.instance-name=" + name,
            "--countersign.encryption-key=" + ENCRYPTION_KEY,
            "--countersign.request.timer-interval=1s",
            "--countersign.grant.timer-interval=1s",
            "--db-scheduler.polling-interval=200ms"
        };
    }

    /** The address of {@code path} on this instance. */
    URI uri(String path) {
        return URI.create(base + path);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    Answer get(String token, String path) {
        return join(send(token, "GET", path, null));
    }

    Answer post(String token, String path, Object body) {
        return join(send(token, "POST", path, body));
    }

    Answer asAdmin(String method, String path, Object body) {
        return join(send(Api.ADMIN_TOKEN, method, path, body));
    }

    /** The value of this instance's counter {@code name}, as its metrics endpoint reports it. */
    double counter(String name) {
        return get(Api.ADMIN_TOKEN, "/actuator/metrics/" + name)
                .expect(200)
                .json()
                .get("measurements")
                .get(0)
                .get("value")
                .asDouble();
    }

    /** {@code GET path} on this instance's listener for enforcement points, which it must have been given. */
    Answer getFromCheckListener(String token, String path) {
        int port = bean(CheckListener.class).port();
        return join(send(URI.create("http://127.0.0.1:" + port + path), token, "GET", null));
    }

    CompletableFuture<Answer> send(String token, String method, String path, Object body) {
        return send(URI.create(base + path), token, method, body);
    }

    private static CompletableFuture<Answer> send(URI uri, String token, String method, Object body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(
                        response.statusCode(),
                        response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body())));
    }

    /** A new user with the given role and an API token acting as them; returns the token. */
    String user(String name, String role) {
        asAdmin("POST", "/api/v1/users", Map.of("username", name, "email", name + "@example.com", "role", role))
                .expect(201);
        return asAdmin("POST", "/api/v1/users/" + name + "/tokens", Map.of("name", "test"))
                .expect(201)
                .json()
                .get("token")
                .asString();
    }

    /**
     * A new resource whose requests wait for one approval by {@code approver}, pending at most {@code
     * requestTtl}; returns its name.
     */
    String resourceReviewedBy(String approver, String requestTtl) {
        String resource = resourceWithoutPolicy();
        Map<String, Object> policy = new HashMap<>(reviewPolicy(Api.unique("policy"), resource, approver));
        policy.put("requestTtl", requestTtl);
        asAdmin("POST", "/api/v1/policies", policy).expect(201);
        return resource;
    }

    /** A new resource that no policy governs yet; returns its name. */
    String resourceWithoutPolicy() {
        String resource = Api.unique("db");
        asAdmin("POST", "/api/v1/resources", Map.of("name", resource, "type", "database", "accounts", List.of("admin")))
                .expect(201);
        return resource;
    }

    /** The body of a policy named {@code name} under which {@code approver} alone reviews the resource's requests. */
    static Map<String, Object> reviewPolicy(String name, String resource, String approver) {
        return Map.of(
                "name",
                name,
                "priority",
                10,
                "conditions",
                Map.of("resourceName", resource),
                "steps",
                List.of(Map.of(
                        "name", "Review", "requiredApprovals", 1, "approvers", List.of(Map.of("user", approver)))));
    }

    private static Answer join(CompletableFuture<Answer> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        } else {
            // SIGTERM, as a platform stopping the service sends
            process.destroy();
        }
    }

    static void closeAll(AutoCloseable... instances) throws IOException {
        for (AutoCloseable instance : instances) {
            try {
                if (instance != null) {
                    instance.close();
                }
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
