package io.countersign.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One load client's keep-alive HTTP/1.1 connection: a blocking socket, a request written in one
 * piece and the answer read by its Content-Length (or chunks). The load clients use it instead of
 * {@code java.net.http.HttpClient}, whose asynchronous machinery cost the machine half a core under
 * the comparison's load: CPU the peer, called in-process, never pays, taken from the service under
 * test on the same two cores. Reconnects when the service closes the connection.
 */
final class BenchConnection implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    BenchConnection(String base) {
        URI uri = URI.create(base);
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
    }

    /** Sends {@code body} (or nothing) as JSON and returns the answer; anything but 2xx fails the call. */
    JsonNode call(String token, String method, String path, Object body) throws IOException {
        byte[] content = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                + content.length + "\r\n\r\n";
        boolean reused = socket != null;
        Answer answer;
        try {
            answer = exchange(head, content);
        } catch (IOException closedWhileIdle) {
            if (!reused) {
                throw closedWhileIdle;
            }
            // the service may close a kept-alive connection while it is idle; a new one is tried once
            close();
            answer = exchange(head, content);
        }
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        if (answer.status() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + answer.status() + " " + text);
        }
        return JSON.readTree(text);
    }

    private Answer exchange(String head, byte[] content) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        out.write(request);
        out.flush();
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("the service closed the connection");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        byte[] body = chunked ? chunks() : in.readNBytes(Math.max(length, 0));
        if (closing) {
            close();
        }
        return new Answer(status, body);
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        line();
        return body.toByteArray();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection the service already dropped
            }
            socket = null;
        }
    }

    private record Answer(int status, byte[] body) {}
}
