package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.method.HandlerMethod;

class AcceptableAnswerTests {

    private final List<HttpMessageConverter<?>> converters = List.of(new JacksonJsonHttpMessageConverter());
    private final AcceptableAnswer interceptor = new AcceptableAnswer(() -> converters);

    @Test
    void aJsonAnswerIsRefusedToAnAcceptWithoutJsonOnEveryCallAndGivenToOneWithIt() throws Exception {
        for (int call = 0; call < 3; call++) {
            HandlerMethod create = operation("create");
            assertThatThrownBy(
                            () -> interceptor.preHandle(accepting("text/html"), new MockHttpServletResponse(), create))
                    .isInstanceOf(HttpMediaTypeNotAcceptableException.class);
            assertThat(interceptor.preHandle(accepting("application/json"), new MockHttpServletResponse(), create))
                    .isTrue();
        }
    }

    @Test
    void anOperationWithoutAnAnswerIsNotAskedAfterOneWithAnAnswerWas() throws Exception {
        assertThatThrownBy(() -> interceptor.preHandle(
                        accepting("text/html"), new MockHttpServletResponse(), operation("create")))
                .isInstanceOf(HttpMediaTypeNotAcceptableException.class);
        for (int call = 0; call < 2; call++) {
            assertThat(interceptor.preHandle(
                            accepting("text/html"), new MockHttpServletResponse(), operation("delete")))
                    .isTrue();
        }
    }

    private static MockHttpServletRequest accepting(String accept) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/things");
        request.addHeader("Accept", accept);
        return request;
    }

    /** A new handler per call, as Spring MVC resolves one for every request. */
    private static HandlerMethod operation(String name) throws NoSuchMethodException {
        return new HandlerMethod(new Operations(), Operations.class.getDeclaredMethod(name));
    }

    record Thing(String name) {}

    static class Operations {

        ResponseEntity<Thing> create() {
            return ResponseEntity.ok(new Thing("one"));
        }

        ResponseEntity<Void> delete() {
            return ResponseEntity.noContent().build();
        }
    }
}
