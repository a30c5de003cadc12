package io.countersign.web.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Access checks sent twice: as asked, which the lean path may answer, and with the same {@code Accept}
 * sent twice, which means the same to Spring MVC but always takes the full path; and how many checks
 * the lean path answered.
 */
record LeanCalls(MockMvc mvc, MeterRegistry meters) {

    static final String PATH = "/api/v1/access/check";

    /** Status, headers (by lower-case name; the call's own id and the framing left out) and body. */
    record Answer(int status, Map<String, String> headers, String body) {}

    Answer lean(String token, String query, boolean secure) {
        return call(token, PATH + "?" + query, secure, false, "application/json");
    }

    Answer full(String token, String query, boolean secure) {
        return full(token, query, secure, "application/json");
    }

    Answer lean(String token, String query, boolean secure, String accept) {
        return call(token, PATH + "?" + query, secure, false, accept);
    }

    Answer full(String token, String query, boolean secure, String accept) {
        return call(token, PATH + "?" + query, secure, true, accept);
    }

    double leanAnswers() {
        var counter = meters.find("countersign.access.check.lean.answers").counter();
        return counter == null ? 0 : counter.count();
    }

    private Answer call(String token, String path, boolean secure, boolean acceptTwice, String accept) {
        MockHttpServletRequestBuilder request = (acceptTwice
                        ? get(path).header("Accept", accept, accept)
                        : get(path).header("Accept", accept))
                .secure(secure);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            var response = mvc.perform(request).andReturn().getResponse();
            Map<String, String> headers = new TreeMap<>();
            for (String name : response.getHeaderNames()) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.equals("x-request-id") && !lower.equals("content-length")) {
                    headers.put(lower, String.join(" | ", response.getHeaders(name)));
                }
            }
            return new Answer(response.getStatus(), headers, response.getContentAsString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
