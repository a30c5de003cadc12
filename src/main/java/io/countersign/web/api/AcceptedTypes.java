package io.countersign.web.api;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * The {@code Accept} header as the service reads it. Spring MVC took a range's parameters as the
 * answer's: {@code application/json;version=2} labelled the answer so, and a {@code charset} the JSON
 * writer does not write was refused only when the answer was written, after a write had committed.
 * So a range is read for its type and its quality alone, and the answer always carries the
 * service's own type, JSON in UTF-8.
 */
final class AcceptedTypes implements ContentNegotiationStrategy {

    private static final HeaderContentNegotiationStrategy HEADER = new HeaderContentNegotiationStrategy();

    @Override
    public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
        return HEADER.resolveMediaTypes(request).stream()
                .map(range -> new MediaType(range.getType(), range.getSubtype()).copyQualityValue(range))
                .toList();
    }
}
