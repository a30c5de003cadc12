package io.countersign.testing;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP/1.0 exchange over a plain socket with a local server, the request line written exactly as
 * given: an HTTP client would correct or refuse the addresses these tests send ({@code |}, {@code ;x},
 * {@code %2F}). HTTP/1.0, so that the answer is neither chunked nor kept alive.
 */
public final class RawHttp {

    private RawHttp() {}

    public record Answer(int status, String headers, String body) {

        public String contentType() {
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    return line.substring("content-type:".length()).trim();
                }
            }
            return "";
        }

        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        public JsonNode json() {
            return Api.JSON_READER.readTree(body);
        }
    }

    /** A header given as {@code Host: …} replaces the loopback address this sends otherwise. */
    public static Answer send(int port, String method, String target, String... headers) throws Exception {
        return sendBody(port, method, target, null, headers);
    }

    /** With a body, which is sent with its length. */
    public static Answer sendBody(int port, String method, String target, String body, String... headers)
            throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.0\r\n");
            if (Arrays.stream(headers).noneMatch(header -> header.regionMatches(true, 0, "Host:", 0, 5))) {
                request.append("Host: 127.0.0.1\r\n");
            }
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            String head = raw.substring(0, end);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, raw.substring(end + 4));
        }
    }
}
