package io.countersign.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.io.JsonStringEncoder;

/** Writes the few fixed problem documents the security layer answers with before any controller runs. */
final class ProblemWriter {

    private ProblemWriter() {}

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        // the type and field order of the problems controllers answer: no charset parameter (JSON is
        // UTF-8), RFC 9457's order of fields
        response.setContentType("application/problem+json");
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        // title and detail are constants of this package; the path is the caller's, so it is escaped
        StringBuilder document = new StringBuilder("{\"type\":\"about:blank\",\"title\":\"")
                .append(title)
                .append("\",\"status\":")
                .append(status)
                .append(",\"detail\":\"")
                .append(detail)
                .append("\",\"instance\":\"");
        JsonStringEncoder.getInstance().quoteAsString(request.getRequestURI(), document);
        document.append("\"}");
        response.getOutputStream().write(document.toString().getBytes(StandardCharsets.UTF_8));
    }
}
