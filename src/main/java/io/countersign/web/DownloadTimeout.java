package io.countersign.web;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.async.AsyncWebRequest;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A streamed download runs on the servlet container's asynchronous support, whose default timeout
 * (30 seconds in Tomcat) would cut a large export off in the middle of the file. A handler that
 * streams calls {@link #allow} and its answer gets that long instead; other asynchronous answers
 * (the long polls) keep their own timeouts.
 */
@Configuration(proxyBeanMethods = false)
public class DownloadTimeout implements WebMvcConfigurer {

    private static final String ATTRIBUTE = DownloadTimeout.class.getName();

    /** Lets the answer of the current request stream for up to {@code limit}. */
    public static void allow(Duration limit) {
        RequestContextHolder.currentRequestAttributes()
                .setAttribute(ATTRIBUTE, limit.toMillis(), RequestAttributes.SCOPE_REQUEST);
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.registerCallableInterceptors(new CallableProcessingInterceptor() {
            @Override
            public <T> void beforeConcurrentHandling(NativeWebRequest request, Callable<T> task) {
                if (request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Long millis
                        && request instanceof AsyncWebRequest async) {
                    async.setTimeout(millis);
                }
            }
        });
    }
}
