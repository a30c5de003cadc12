package io.countersign.web.api;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NestingDepth;
import io.countersign.shared.ParserRefusals;
import io.countersign.shared.Utf8;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies are UTF-8, whatever they declare. A body declaring another charset is refused with 415 rather
 * than read in it, and a JSON body's bytes are checked before the parser reads them (see {@link Utf8}),
 * as is its nesting (see {@link NestingDepth}); a bundle is checked by its reader, which says it in a
 * bundle's words.
 */
@ControllerAdvice
class Utf8Bodies extends RequestBodyAdviceAdapter {

    private final FieldIssue nestedTooDeeply;
    private final int maxNestingDepth;

    Utf8Bodies(JsonMapper json) {
        // the limit the parser is configured with, so that both refuse the same documents
        this.maxNestingDepth = json.tokenStreamFactory().streamReadConstraints().getMaxNestingDepth();
        this.nestedTooDeeply = new FieldIssue("body", "too_large", ParserRefusals.nestedTooDeeply(maxNestingDepth));
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJacksonHttpMessageConverter.class.isAssignableFrom(converterType)
                || ByteArrayHttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        if (!declaresUtf8OrNothing(inputMessage.getHeaders().getContentType())) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be UTF-8: send it with charset=utf-8 or with no charset; nothing was"
                            + " changed.");
            throw new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, problem, null);
        }
        if (!AbstractJacksonHttpMessageConverter.class.isAssignableFrom(converterType)) {
            return inputMessage;
        }
        // the body is already capped in size, so holding it whole costs no more than the parser's copy
        byte[] body = inputMessage.getBody().readAllBytes();
        if (!Utf8.isText(body)) {
            throw new InvalidInputException(List.of(UnreadableBody.NOT_UTF8));
        }
        if (NestingDepth.exceeds(body, maxNestingDepth)) {
            throw new InvalidInputException(List.of(nestedTooDeeply));
        }
        return replay(body, inputMessage.getHeaders());
    }

    private static boolean declaresUtf8OrNothing(MediaType type) {
        String charset = type == null ? null : type.getParameter("charset");
        if (charset == null) {
            return true;
        }
        try {
            return type.getCharset().equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static HttpInputMessage replay(byte[] body, HttpHeaders headers) {
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }
}
