package io.countersign.web.api;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration implements WebMvcConfigurer {

    // asked for per call: the adapter is made after the interceptors are registered
    private final ObjectProvider<RequestMappingHandlerAdapter> adapter;

    ApiWebConfiguration(ObjectProvider<RequestMappingHandlerAdapter> adapter) {
        this.adapter = adapter;
    }

    /**
     * Bodies and answers are JSON. A Jackson converter for another format, such as the YAML one the
     * bundle's reader brings onto the class path, would read bodies past every check the JSON reader
     * makes (duplicate keys, types, unknown fields) and write answers no client was promised; the
     * bundle reads and writes its YAML itself.
     */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters ->
                converters.removeIf(converter -> converter instanceof AbstractJacksonHttpMessageConverter<?>
                        && !(converter instanceof JacksonJsonHttpMessageConverter)));
    }

    /** Every answer's type is the service's own, whatever parameters {@code Accept} names. */
    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(new AcceptedTypes()));
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverterFactory(new CaseInsensitiveChoices());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ActorArgumentResolver());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ReadableAccept()).addPathPatterns("/api/**");
        registry.addInterceptor(new AcceptableAnswer(() -> adapter.getObject().getMessageConverters()))
                .addPathPatterns("/api/**");
        registry.addInterceptor(new JsonBodyType()).addPathPatterns("/api/**");
        registry.addInterceptor(new QueryTextInterceptor()).addPathPatterns("/api/**");
        registry.addInterceptor(new KnownQueryParameters()).addPathPatterns("/api/**");
        registry.addInterceptor(new ReadableConditions()).addPathPatterns("/api/**");
        registry.addInterceptor(new UnversionedPreconditions()).addPathPatterns("/api/**");
    }
}
