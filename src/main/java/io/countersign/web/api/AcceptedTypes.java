package io.countersign.web.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The {@code Accept} header as the service reads it. Spring MVC took a range's parameters as the
 * answer's: {@code application/json;version=2} labelled the answer so, and a {@code charset} the JSON
 * writer does not write was refused only when the answer was written, after a write had committed.
 * So a range is read for its type and its quality alone, and the answer always carries the
 * service's own type, JSON in UTF-8. A range of quality 0 admits nothing (RFC 9110, 12.4.2), and
 * any {@code +json} range admits JSON, which is how every JSON answer is labelled; a YAML range
 * admits the OpenAPI description's YAML, whose registered type few clients name, and the older
 * {@code application/x-yaml}, which an import takes, admits the bundle's {@code application/yaml}.
 */
final class AcceptedTypes implements ContentNegotiationStrategy {

    private static final MediaType OPENAPI_YAML = MediaType.parseMediaType("application/vnd.oai.openapi");

    private static final HeaderContentNegotiationStrategy HEADER = new HeaderContentNegotiationStrategy();
    private static final MediaType X_YAML = MediaType.parseMediaType("application/x-yaml");
    private static final String JSON_SUFFIX = "json";

    @Override
    public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
        List<MediaType> named = HEADER.resolveMediaTypes(request);
        if (named.equals(MEDIA_TYPE_ALL_LIST)) {
            return named;
        }
        List<MediaType> ranges = new ArrayList<>();
        for (MediaType range : named) {
            if (range.getQualityValue() > 0) {
                ranges.add(new MediaType(range.getType(), range.getSubtype()).copyQualityValue(range));
                standsFor(range).forEach(type -> ranges.add(type.copyQualityValue(range)));
            }
        }
        // a header admitting nothing is refused before the operation runs (AcceptableAnswer); the
        // refusal, and a refusal's handler, still need a type to be found and written in
        return ranges.isEmpty() ? MEDIA_TYPE_ALL_LIST : ranges;
    }

    /**
     * How much {@code Accept} wants an answer of {@code answer}: the quality of the most specific range
     * that admits it (RFC 9110, 12.5.1), so {@code application/json;q=0, *}{@code /*} refuses JSON.
     */
    static double quality(List<MediaType> named, MediaType answer) {
        MediaType labelled = JSON_SUFFIX.equals(answer.getSubtypeSuffix()) ? MediaType.APPLICATION_JSON : answer;
        int closest = -1;
        double quality = 0;
        for (MediaType range : named) {
            int specificity = specificity(range, labelled);
            if (specificity > closest) {
                closest = specificity;
                quality = range.getQualityValue();
            } else if (specificity == closest && specificity >= 0) {
                quality = Math.max(quality, range.getQualityValue());
            }
        }
        return quality;
    }

    /** Whether the header of {@code request} admits an answer of {@code answer}, read as {@link #quality} reads it. */
    static boolean admits(HttpServletRequest request, MediaType answer) throws HttpMediaTypeNotAcceptableException {
        return quality(HEADER.resolveMediaTypes(new ServletWebRequest(request)), answer) > 0;
    }

    /** How closely {@code range} names {@code answer}; -1 when it does not admit it at all. */
    private static int specificity(MediaType range, MediaType answer) {
        if (answer.isWildcardType() || answer.isWildcardSubtype()) {
            return range.isCompatibleWith(answer) ? 0 : -1;
        }
        if (range.equalsTypeAndSubtype(answer)) {
            return 3;
        }
        if (standsFor(range).stream().anyMatch(answer::equalsTypeAndSubtype)
                || (range.isWildcardSubtype() && range.getSubtypeSuffix() != null && range.includes(answer))) {
            return 2;
        }
        if (range.includes(answer)) {
            return range.isWildcardType() ? 0 : 1;
        }
        return -1;
    }

    /** The types a range admits besides those it names. */
    private static List<MediaType> standsFor(MediaType range) {
        if (!range.isWildcardSubtype() && JSON_SUFFIX.equals(range.getSubtypeSuffix())) {
            return List.of(MediaType.APPLICATION_JSON);
        }
        if (range.equalsTypeAndSubtype(X_YAML)) {
            return List.of(MediaType.APPLICATION_YAML, OPENAPI_YAML);
        }
        if (range.equalsTypeAndSubtype(MediaType.APPLICATION_YAML)) {
            return List.of(OPENAPI_YAML);
        }
        return List.of();
    }
}
