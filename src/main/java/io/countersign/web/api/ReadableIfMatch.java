package io.countersign.web.api;

import io.countersign.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * An {@code If-Match} that is neither {@code *} nor a list of entity tags in quotes (RFC 9110, 13.1.1)
 * is refused as a bad request before any operation runs. Compared as a tag it could only fail, and the
 * caller would be told that the object changed, which it did not: what is wrong is the header, most
 * often a tag sent without its quotes.
 */
class ReadableIfMatch implements HandlerInterceptor {

    private static final String TAG = "(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"";
    private static final Pattern TAGS = Pattern.compile("\\*|" + TAG + "(\\s*,\\s*" + TAG + ")*");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String ifMatch = String.join(",", Collections.list(request.getHeaders(HttpHeaders.IF_MATCH)));
        if (!ifMatch.isBlank() && !TAGS.matcher(ifMatch.strip()).matches()) {
            throw InvalidInputException.of(
                    HttpHeaders.IF_MATCH,
                    "invalid_value",
                    "must be * or the ETag of the object in its quotes, such as \"3-lw5k2q\", or be left out");
        }
        return true;
    }
}
