package io.countersign.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes the answer to a request the firewall refused again while its error answer was being built:
 * the error page reads {@code Accept}, say, and that was the header refused. The error page cannot
 * answer then, and the container would send the bare status, with no problem document and no page.
 */
public interface FirewallRefusalAnswer {

    /** Answers with {@code status} and {@code reason}, fixed text that repeats nothing of the request. */
    void write(HttpServletRequest request, HttpServletResponse response, int status, String reason) throws IOException;
}
