package io.countersign.web.api;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ActorArgumentResolver());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ReadableAccept()).addPathPatterns("/api/**");
        registry.addInterceptor(new QueryTextInterceptor()).addPathPatterns("/api/**");
        registry.addInterceptor(new KnownQueryParameters()).addPathPatterns("/api/**");
        registry.addInterceptor(new UnversionedPreconditions()).addPathPatterns("/api/**");
    }
}
