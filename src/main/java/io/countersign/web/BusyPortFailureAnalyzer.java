package io.countersign.web;

import io.countersign.shared.settings.Setting;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.tomcat.ConnectorStartFailedException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Reports a port the service could not listen on with the variable that sets it. Spring Boot's own
 * report names only the port, and for the check listener's port it followed Tomcat's stack trace with
 * advice to "verify the connector's configuration", which an operator has no way to do. A port found
 * busy only once Tomcat binds it (taken in the moment after {@link PortsBeforeMigrations} looked) is
 * reported the same way, without the claim that the database was left alone.
 */
class BusyPortFailureAnalyzer implements FailureAnalyzer, Ordered {

    private final Environment environment;

    BusyPortFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BusyPortException busy) {
                return new FailureAnalysis(
                        busy.getMessage() + ".",
                        action(busy.setting(), busy.port()) + " The start stopped before the database was touched.",
                        failure);
            }
            if (cause instanceof ConnectorStartFailedException connector) {
                return late(connector.getPort(), failure);
            }
            if (cause instanceof PortInUseException inUse) {
                return late(inUse.getPort(), failure);
            }
        }
        return null;
    }

    private FailureAnalysis late(int port, Throwable failure) {
        Setting setting = port == portOf(CheckListenerProperties.PORT)
                ? CheckListenerProperties.PORT
                : port == portOf(ServerPortCheck.PORT) ? ServerPortCheck.PORT : null;
        if (setting == null) {
            return null;
        }
        return new FailureAnalysis(
                setting.variable() + " (" + setting.property() + ") is " + port
                        + ", but the service could not listen there: the port was already in use.",
                action(setting, port),
                failure);
    }

    private int portOf(Setting setting) {
        try {
            return environment.getProperty(setting.property(), Integer.class, -1);
        } catch (RuntimeException unreadable) {
            return -1;
        }
    }

    private static String action(Setting setting, int port) {
        return "Stop the process that listens on port " + port
                + " (an earlier Countersign still running, for instance), or set " + setting.variable()
                + " to a port that is free on this host.";
    }

    /** Before Spring Boot's report of a busy port, which does not know the variable. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }
}
