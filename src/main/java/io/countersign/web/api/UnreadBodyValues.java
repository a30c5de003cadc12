package io.countersign.web.api;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.UnreadValues;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * The values of a JSON request body that could not be read, such as an unknown enum name or a value of
 * the wrong type, which the reader leaves null, or an unknown field, which it skips, so that the
 * operation's own rules still run and report their issues with them.
 * Only the body of an operation marked {@link ReportsUnreadValues} is read so leniently: any other
 * body, and any other JSON the service reads, stays strict.
 */
@ControllerAdvice
class UnreadBodyValues extends RequestBodyAdviceAdapter {

    private static final String READ = UnreadBodyValues.class.getName() + ".read";
    private static final String READING = UnreadBodyValues.class.getName() + ".reading";

    private final TransactionOperations transactions;

    UnreadBodyValues(TransactionOperations transactions) {
        this.transactions = transactions;
    }

    /** Where the body being read notes what it could not read; null while no body is read. */
    static UnreadValues whileReading() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null ? null : (UnreadValues) request.getAttribute(READING, RequestAttributes.SCOPE_REQUEST);
    }

    /** What the body being read had noted when its reading failed: nothing unless a body was being read. */
    static List<FieldIssue> notedBeforeFailure() {
        UnreadValues reading = whileReading();
        return reading == null ? List.of() : reading.issues();
    }

    /**
     * Runs {@code write} unless the body held values that could not be read: then refuses with those
     * and every issue {@code write} finds, changing nothing.
     */
    <T> T refuseOr(Supplier<T> write) {
        return read().refuseOr(transactions, write);
    }

    /** As {@link #refuseOr(Supplier)} for a body that is a bare array whose rules call it {@code field}. */
    <T> T refuseOr(String field, Supplier<T> write) {
        return read().asArray(field).refuseOr(transactions, write);
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.hasMethodAnnotation(ReportsUnreadValues.class)
                && AbstractJacksonHttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        RequestContextHolder.currentRequestAttributes().setAttribute(READING, read(), RequestAttributes.SCOPE_REQUEST);
        return inputMessage;
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        RequestContextHolder.currentRequestAttributes().removeAttribute(READING, RequestAttributes.SCOPE_REQUEST);
        return body;
    }

    @Override
    public Object handleEmptyBody(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        RequestContextHolder.currentRequestAttributes().removeAttribute(READING, RequestAttributes.SCOPE_REQUEST);
        return body;
    }

    private static UnreadValues read() {
        RequestAttributes request = RequestContextHolder.currentRequestAttributes();
        UnreadValues values = (UnreadValues) request.getAttribute(READ, RequestAttributes.SCOPE_REQUEST);
        if (values == null) {
            values = new UnreadValues();
            request.setAttribute(READ, values, RequestAttributes.SCOPE_REQUEST);
        }
        return values;
    }
}
