package io.countersign.chat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chat platform's API on loopback: records every request and answers what a test scripted for its
 * path (a queue of answers, then the path's default), so that each platform's documented exchange can
 * be asserted exactly.
 */
public final class FakePlatform implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Seen(String method, String path, String query, Map<String, String> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    record Answer(int status, String body, String retryAfter) {}

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Answer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Answer> defaults = new ConcurrentHashMap<>();
    private volatile CountDownLatch held = new CountDownLatch(0);

    public FakePlatform() throws IOException {
        this(0);
    }

    /** On {@code port}, such as one a test found closed and now wants answered. */
    FakePlatform(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakePlatform answer(String path, int status, String body) {
        defaults.put(path, new Answer(status, body, null));
        return this;
    }

    FakePlatform once(String path, int status, String body, String retryAfter) {
        scripted.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Answer(status, body, retryAfter));
        return this;
    }

    /** Answers nothing, each request waiting after it was seen, until {@link #answerAgain}. */
    FakePlatform holdAnswers() {
        held = new CountDownLatch(1);
        return this;
    }

    void answerAgain() {
        held.countDown();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    public List<Seen> seen(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    private synchronized Answer next(String path) {
        Queue<Answer> queue = scripted.get(path);
        Answer answer = queue == null ? null : queue.poll();
        return answer != null ? answer : defaults.getOrDefault(path, new Answer(404, "{}", null));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        String path = exchange.getRequestURI().getPath();
        seen.add(new Seen(
                exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(), headers, body));
        awaitAnswering();
        Answer answer = next(path);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        if (answer.status() / 100 == 3) {
            // a redirect names the path asked, bot token and all, which nothing may follow or quote
            exchange.getResponseHeaders()
                    .set("Location", exchange.getRequestURI().toString());
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void awaitAnswering() throws IOException {
        try {
            // bounded: a test that forgets to answer again fails on its sender's timeout, not by hanging
            held.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stopped while holding an answer", e);
        }
    }

    @Override
    public void close() {
        held.countDown();
        server.stop(0);
    }
}
