package io.countersign.web.logging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class LoggingWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new CallContextInterceptor());
    }

    /**
     * Applied to every security filter chain: the caller is known once the authentication filters
     * have run, and is in the log context before a refusal is answered.
     */
    @Bean
    Customizer<HttpSecurity> callerInTheLogContext() {
        return http -> http.addFilterBefore(new CallerLogFilter(), ExceptionTranslationFilter.class);
    }
}
