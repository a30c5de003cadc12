package io.countersign.web.api;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.InputBuffer;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.ApplicationBufferHandler;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * A request body that arrives a byte every few seconds holds a request thread while it is read, and
 * Tomcat reads what a refused call did not, to reach the connection's next request: a couple of
 * hundred such connections, no token needed, would leave no thread for anyone, the health probes
 * included. Tomcat's own read timeout starts again with every byte. So, on every listener:
 *
 * <ul>
 *   <li>no answer waits for the rest of a body its call did not read, a refusal's (a status from 400)
 *       or a success's (a body sent with a health probe or an access check, which take none): the
 *       connection is closed after the answer instead;
 *   <li>a body that stops arriving for {@code countersign.web.body-timeout} is cut off (Tomcat's upload
 *       timeout);
 *   <li>a body must have arrived in full within that time of its request's start, or its next read
 *       fails and the call is refused. The import's bundle, up to 64 MB, is exempt: it is read only
 *       once an administrator's token has been checked.
 * </ul>
 */
@Component
class SlowBodies implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    private final WebLimits limits;

    SlowBodies(WebLimits limits) {
        this.limits = limits;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        int millis = (int) Math.min(Integer.MAX_VALUE, limits.bodyTimeout().toMillis());
        factory.addProtocolHandlerCustomizers((TomcatProtocolHandlerCustomizer<AbstractHttp11Protocol<?>>) http -> {
            http.setDisableUploadTimeout(false);
            http.setConnectionUploadTimeout(millis);
        });
        factory.addEngineValves(new BodyDeadline(limits.bodyTimeout().toNanos()));
    }

    /** Before the check listener's customizer, which copies the main port's protocol settings. */
    @Override
    public int getOrder() {
        return 0;
    }

    static final class BodyDeadline extends ValveBase {

        private final long timeoutNanos;

        BodyDeadline(long timeoutNanos) {
            super(true);
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            org.apache.coyote.Request coyote = request.getCoyoteRequest();
            InputBuffer body = coyote.getInputBuffer();
            // an HTTP/1.1 request has a body only when it gives its length or is chunked: a plain GET, the
            // access check's included, is left unwrapped
            boolean hasBody =
                    coyote.getContentLengthLong() > 0 || coyote.getMimeHeaders().getHeader("transfer-encoding") != null;
            boolean bounded = hasBody && !WebLimits.IMPORT_PATH.equals(request.getDecodedRequestURI());
            if (bounded) {
                coyote.setInputBuffer(new Deadline(body, System.nanoTime() + timeoutNanos));
            }
            try {
                getNext().invoke(request, response);
            } finally {
                // the processor keeps its input buffer from one request to the next
                if (bounded) {
                    coyote.setInputBuffer(body);
                }
                // Tomcat would read what is left to reach the next request, on this thread, for as long as
                // it keeps dripping in: a successful answer no more than a refusal, so neither waits for it
                if (!fullyRead(coyote)) {
                    coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
                }
            }
        }

        private static boolean fullyRead(org.apache.coyote.Request coyote) {
            AtomicBoolean done = new AtomicBoolean(true);
            coyote.action(ActionCode.REQUEST_BODY_FULLY_READ, done);
            return done.get();
        }
    }

    private record Deadline(InputBuffer body, long deadline) implements InputBuffer {

        @Override
        public int doRead(ApplicationBufferHandler handler) throws IOException {
            if (System.nanoTime() - deadline > 0) {
                throw new SocketTimeoutException("The request body took too long to arrive");
            }
            return body.doRead(handler);
        }

        @Override
        public int available() {
            return body.available();
        }
    }
}
