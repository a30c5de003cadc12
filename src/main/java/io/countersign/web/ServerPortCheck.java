package io.countersign.web;

import io.countersign.shared.settings.Setting;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Refuses a port no server can listen on before anything else starts. Spring Boot reads a negative
 * {@code server.port} as "no web server at all": the service then ran with nothing to answer, printed
 * the first administrator's password and token, and never exited. 0 asks for a free port.
 */
@Component
class ServerPortCheck implements WebServerFactoryCustomizer<AbstractConfigurableWebServerFactory>, Ordered {

    static final int HIGHEST = 65_535;
    static final Setting PORT = new Setting("server.port", "COUNTERSIGN_PORT");

    @Override
    public void customize(AbstractConfigurableWebServerFactory factory) {
        int port = factory.getPort();
        if (port < 0 || port > HIGHEST) {
            throw PORT.refused(port, "must be between 1 and " + HIGHEST + " (or 0 for any free port)");
        }
    }

    /** After Spring Boot's own customizer, which sets the port from server.port. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
