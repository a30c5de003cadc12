package io.countersign.web.api;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * An {@code If-Match} or {@code If-None-Match} that is neither {@code *} nor a list of entity tags in
 * quotes (RFC 9110, 13.1.1 and 13.1.2) is refused as a bad request before any operation runs, on every
 * method. Compared as a tag it could only fail, and the caller would be told that the object changed
 * (or, for If-None-Match, be answered as if it had sent no condition), which is not what happened: what
 * is wrong is the header, most often a tag sent without its quotes. An empty value is no condition
 * either, and refused alike. Both headers are named at once.
 */
class ReadableConditions implements HandlerInterceptor {

    private static final String TAG = "(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"";
    /** A comma between elements, and the empty elements a list may hold (RFC 9110, 5.6.1): skipped. */
    private static final String COMMA = "\\s*,[\\s,]*";

    private static final Pattern TAGS =
            Pattern.compile("\\*|(,[\\s,]*)?" + TAG + "(" + COMMA + TAG + ")*(" + COMMA + ")?");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        List<FieldIssue> issues = new ArrayList<>();
        for (String header : List.of(HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH)) {
            List<String> lines = Collections.list(request.getHeaders(header));
            // an empty value, a script's unset variable, is unreadable too: taken for no condition, it
            // would let a write go over whatever someone else saved since the caller read the object
            if (!lines.isEmpty()
                    && !TAGS.matcher(String.join(",", lines).strip()).matches()) {
                issues.add(new FieldIssue(
                        header,
                        "invalid_value",
                        "must be * or ETags of the object in their quotes, such as \"3-lw5k2q\", or be left out"));
            }
        }
        if (!issues.isEmpty()) {
            throw new InvalidInputException(issues);
        }
        return true;
    }
}
