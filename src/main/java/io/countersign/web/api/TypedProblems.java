package io.countersign.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Every problem document names its {@code type}: {@code about:blank} unless a specific one is set, as
 * the documents the security filters and the container's error answers write. A {@link ProblemDetail}
 * leaves its type unset, and Spring's serialisation then omits it, so controllers' problems lacked the
 * field while the filters' carried it. This holds for every problem the service's JSON mapper writes,
 * the filters' included.
 *
 * <p>The fields come in RFC 9457's order, {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}, then any extension ({@code errors}, {@code reason}): the order of the documents
 * written by hand before any operation runs ({@link ContainerAnswers}, {@link ProblemErrorAttributes},
 * the security filters'). Left to the mapper, which sorts properties by name, a client saw one order
 * for a refusal of the container and another for a refusal of the operation.
 */
@Configuration(proxyBeanMethods = false)
class TypedProblems {

    @Bean
    JsonMapperBuilderCustomizer problemsAlwaysTyped() {
        // a module's mix-in is applied when the mapper is built, after every builder's own, Spring's included
        return builder -> builder.addModule(
                new SimpleModule("typed-problems").setMixInAnnotation(ProblemDetail.class, AlwaysTyped.class));
    }

    /**
     * Spring's mix-in (extra properties at the top level, empty fields left out) with a type always. A
     * mix-in's class annotations are not inherited from the interface it extends, so leaving out empty
     * fields is said again here.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
    interface AlwaysTyped extends ProblemDetailJacksonMixin {

        @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonSerialize(nullsUsing = AboutBlank.class)
        URI getType();
    }

    /** RFC 9457's default, written where no type is set. */
    static final class AboutBlank extends StdSerializer<Object> {

        AboutBlank() {
            super(Object.class);
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
            generator.writeString("about:blank");
        }
    }
}
