package io.countersign.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.ProtocolHandler;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * A second listener for enforcement points, with request threads of its own, that answers the access
 * check and the health probes and nothing else ({@link CheckListenerGate}). On the main port the check
 * shares Tomcat's 200 threads with every other call, so calls held up by a slow database can keep
 * checks waiting behind them, and 32 connections checking at once keep 32 threads runnable on a
 * 2-core host, which lengthens the check's tail. Here a few threads take the checks in turn and no
 * other call can hold them. Off unless {@code countersign.check-listener.port} is set.
 */
@Component
public class CheckListener implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final CheckListenerProperties properties;
    private volatile Connector connector;
    // kept once known: asking the server socket takes its lock, on every call the gate looks at
    private volatile int boundPort = -1;

    CheckListener(CheckListenerProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!properties.enabled()) {
            return;
        }
        int port = properties.port();
        if (Ssl.isEnabled(factory.getSsl())) {
            throw new InvalidConfigurationPropertyValueException(
                    "countersign.check-listener.port",
                    port,
                    "The check listener speaks plain HTTP and the main port TLS (server.ssl): terminate TLS in"
                            + " front of both, or leave COUNTERSIGN_CHECK_PORT unset.");
        }
        if (port != 0 && port == factory.getPort()) {
            throw new InvalidConfigurationPropertyValueException(
                    "countersign.check-listener.port",
                    port,
                    "COUNTERSIGN_CHECK_PORT must differ from COUNTERSIGN_PORT, the port of every other call.");
        }
        Connector added = new Connector(factory.getProtocol());
        added.setProperty("bindOnInit", "false");
        added.setURIEncoding(factory.getUriEncoding().name());
        // the main port's server.tomcat.* settings (keep-alive, timeouts, header sizes) hold here too
        ProtocolHandler handler = added.getProtocolHandler();
        LambdaSafe.callbacks(TomcatProtocolHandlerCustomizer.class, factory.getProtocolHandlerCustomizers(), handler)
                .invoke(customizer -> customizer.customize(handler));
        factory.getConnectorCustomizers().forEach(customizer -> customizer.customize(added));
        added.setPort(port);
        if (handler instanceof AbstractProtocol<?> protocol) {
            protocol.setMaxThreads(properties.threads());
            protocol.setMinSpareThreads(properties.threads());
        }
        factory.addAdditionalConnectors(added);
        connector = added;
    }

    /** After Spring Boot's own customizers, whose settings this listener copies. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The port the listener is bound to, or -1 when there is none or it has not started. */
    public int port() {
        int port = boundPort;
        if (port > 0 || connector == null) {
            return port;
        }
        port = connector.getLocalPort();
        if (port > 0) {
            boundPort = port;
        }
        return port;
    }

    /** Whether the request reached the service through this listener. */
    boolean received(HttpServletRequest request) {
        return connector != null && request.getLocalPort() == port();
    }
}
