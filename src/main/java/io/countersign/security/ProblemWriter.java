package io.countersign.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the few fixed problem documents the security layer answers with before any controller runs. */
final class ProblemWriter {

    private ProblemWriter() {}

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        // title and detail are constants of this package, never caller input, so no escaping is needed
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
