package io.countersign.web.api;

import io.countersign.shared.TimesAsText;
import io.countersign.shared.UnreadValuesModule;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * A value of the wrong JSON type is an error, not something to convert: {@code {"comment": 12}} or
 * {@code {"name": true}} would otherwise become the strings "12" and "true" and be stored, and
 * {@code {"duration": 7200}} a duration of seconds ({@link TimesAsText}). Duplicate
 * keys, numbers for enums and parsing limits are set in application.yml. An unknown enum name, an
 * unknown field or a value of the wrong type in a request body is noted for {@link UnreadBodyValues}
 * instead of ending the reading.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer scalarsKeepTheirTypes() {
        return builder -> builder.addModule(
                        new UnreadValuesModule(context -> UnreadBodyValues.whileReading(), UnreadableBody::issue))
                .addModule(TimesAsText.module())
                .withCoercionConfig(
                        LogicalType.Textual,
                        config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
