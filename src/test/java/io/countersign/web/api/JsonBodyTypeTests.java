package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

class JsonBodyTypeTests {

    private final JsonBodyType interceptor = new JsonBodyType();

    @Test
    void anOperationReadingJsonRefusesAnotherTypeOnEveryCall() throws Exception {
        for (int call = 0; call < 3; call++) {
            HandlerMethod create = operation("create", Map.class);
            assertThatThrownBy(() -> interceptor.preHandle(sent("text/plain"), new MockHttpServletResponse(), create))
                    .isInstanceOf(HttpMediaTypeNotSupportedException.class);
            assertThat(interceptor.preHandle(sent("application/json"), new MockHttpServletResponse(), create))
                    .isTrue();
        }
    }

    @Test
    void operationsThatNameTheirTypesOrReadNoBodyAreLeftToSpringMvcAfterAJsonOneWasAsked() throws Exception {
        HandlerMethod create = operation("create", Map.class);
        assertThatThrownBy(() -> interceptor.preHandle(sent("text/plain"), new MockHttpServletResponse(), create))
                .isInstanceOf(HttpMediaTypeNotSupportedException.class);
        for (int call = 0; call < 2; call++) {
            assertThat(interceptor.preHandle(
                            sent("text/plain"), new MockHttpServletResponse(), operation("importLines", String.class)))
                    .isTrue();
            assertThat(interceptor.preHandle(sent("text/plain"), new MockHttpServletResponse(), operation("list")))
                    .isTrue();
        }
    }

    private static MockHttpServletRequest sent(String contentType) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/things");
        request.setContentType(contentType);
        return request;
    }

    /** A new handler per call, as Spring MVC resolves one for every request. */
    private static HandlerMethod operation(String name, Class<?>... parameters) throws NoSuchMethodException {
        return new HandlerMethod(new Operations(), Operations.class.getDeclaredMethod(name, parameters));
    }

    static class Operations {

        void create(@RequestBody Map<String, Object> body) {}

        @PostMapping(consumes = "application/x-ndjson")
        void importLines(@RequestBody String lines) {}

        void list() {}
    }
}
