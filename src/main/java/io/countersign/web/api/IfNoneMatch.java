package io.countersign.web.api;

import io.countersign.shared.Revision;
import java.util.Arrays;
import java.util.Collections;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * {@code If-None-Match} on a call (RFC 9110, 13.1.2): {@code *} holds only where no version of the
 * object exists, a list of tags only where the object has none of theirs. No {@code PUT} here creates
 * an object, so on a write the condition can only hold where the write itself answers 404; where the
 * object exists it is refused with 412 rather than ignored, which would let a client that meant "only
 * if there is nothing yet" overwrite or delete what is there.
 */
final class IfNoneMatch {

    private IfNoneMatch() {}

    /** The header of the call being answered, its lines joined into one list (RFC 9110, 5.3); empty when absent. */
    static String sent() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? String.join(",", Collections.list(attributes.getRequest().getHeaders(HttpHeaders.IF_NONE_MATCH)))
                        .strip()
                : "";
    }

    /** Whether the value asks that no version exist at all. */
    static boolean any(String ifNoneMatch) {
        return ifNoneMatch.strip().equals("*");
    }

    /**
     * Whether the condition fails on an object in this revision: {@code *}, or a tag that names it.
     * If-None-Match compares weakly, so {@code W/"…"} names the version as its strong form does.
     */
    static boolean failsOn(String ifNoneMatch, Revision current) {
        String tag = current.etag();
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .map(candidate -> candidate.startsWith("W/") ? candidate.substring(2) : candidate)
                .anyMatch(candidate -> candidate.equals("*") || candidate.equals(tag));
    }

    /** The 412 of a write whose object exists in a version the header rules out. */
    static StaleVersion refused() {
        return new StaleVersion("The object exists in a version that If-None-Match rules out (* rules out every"
                + " version), and no PUT or DELETE creates one. Send the call without If-None-Match to change or"
                + " delete what is there, or with If-Match and its ETag to do so only if nobody changed it."
                + " Nothing was changed.");
    }
}
