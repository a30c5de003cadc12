package io.countersign.web.api;

import io.countersign.security.ProtectiveHeaders;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;

/**
 * Tomcat refuses some requests before any filter or controller runs: an encoded {@code /}, {@code \}
 * or NUL in the path, a malformed request line, headers above the size limit. Its own answer is an
 * HTML page, which an enforcement point or script calling the API cannot read, and which names the
 * server's software by its look alone. The API gets an RFC 9457 problem document and a browser asking
 * for a page gets Countersign's error page, with the headers every page carries (the content policy,
 * no framing, no caching), as for every other refusal. This report is the host's, so it answers for
 * every listener, the check listener's too.
 */
@Configuration(proxyBeanMethods = false)
class ContainerRefusals {

    /**
     * Runs after Spring Boot's own customizer, which adds a plain {@link ErrorReportValve} to the host:
     * that valve is replaced rather than joined, so that exactly one of them answers.
     */
    @Bean
    ProblemValveInstaller problemDocumentsForContainerRefusals() {
        return new ProblemValveInstaller();
    }

    /**
     * Runs after Spring Boot's own customizer, which adds a plain {@link ErrorReportValve} to the host:
     * that valve is replaced rather than joined, so that exactly one of them answers.
     */
    static final class ProblemValveInstaller
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    Pipeline pipeline = host.getPipeline();
                    for (Valve valve : pipeline.getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            pipeline.removeValve(valve);
                        }
                    }
                    pipeline.addValve(new ProblemReportValve());
                    // the host adds a valve of this class when it starts unless one is there already
                    host.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** The host's error report: a problem document for the API, Countersign's error page for a browser. */
    static final class ProblemReportValve extends ErrorReportValve {

        ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            // the same conditions as Tomcat's own report, tested first: every answer passes through here
            if (status < 400 || response.getContentWritten() > 0 || !response.isErrorReportRequired()) {
                return;
            }
            boolean page = !ContainerAnswers.wantsProblemDocument(request.getRequestURI(), request.getHeader("Accept"));
            if (page) {
                // no filter ran, so nothing else gives this page the headers every page carries
                ProtectiveHeaders.setIfAbsent(response);
            }
            if (!response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            try {
                if (page) {
                    response.setContentType(MediaType.TEXT_HTML_VALUE);
                    response.setCharacterEncoding("UTF-8");
                    PrintWriter writer = response.getReporter();
                    if (writer == null) {
                        return;
                    }
                    writer.write(
                            ContainerAnswers.page(status, ContainerAnswers.detail(status), request.getRequestURI()));
                } else {
                    // JSON is UTF-8 by definition: a problem document names no charset, as every other one
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.getOutputStream()
                            .write(ContainerAnswers.problem(status, request.getRequestURI())
                                    .getBytes(StandardCharsets.UTF_8));
                }
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // the client has gone or the response was committed meanwhile: nothing left to tell
            }
        }
    }
}
