package io.countersign.web;

import io.countersign.shared.settings.Setting;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stops the start before the schema is migrated when a port the service must listen on is taken.
 * Tomcat binds its ports last, after the migrations: an upgrade started on a host where the previous
 * version still ran upgraded the schema under the running instance, then stopped because the port was
 * busy. Each port is bound and released at once, so Tomcat finds it free a moment later; 0 (any free
 * port) needs no check, and a value out of range is left to the setting's own refusal.
 */
@Component
class PortsBeforeMigrations implements BeanFactoryPostProcessor, EnvironmentAware, ApplicationContextAware {

    private Environment environment;
    private boolean serves;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** Only a context that starts a web server binds ports; a test's mock servlet context does not. */
    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.serves = context instanceof WebServerApplicationContext;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!serves) {
            return;
        }
        Binder binder = Binder.get(environment);
        // the main connector listens on server.address when it is set, the check listener everywhere
        InetAddress address = read(binder, "server.address", InetAddress.class);
        Integer main = read(binder, ServerPortCheck.PORT.property(), Integer.class);
        check(ServerPortCheck.PORT, main == null ? 8080 : main, address);
        Integer check = read(binder, CheckListenerProperties.PORT.property(), Integer.class);
        if (check != null) {
            check(CheckListenerProperties.PORT, check, null);
        }
    }

    static void check(Setting setting, int port, InetAddress address) {
        if (port < 1 || port > ServerPortCheck.HIGHEST) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            // as Tomcat binds: a port only lingering after a closed connection is free to take
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), 1);
        } catch (BindException busy) {
            throw new BusyPortException(setting, port, busy);
        } catch (IOException other) {
            // not a port the service could not have: Tomcat meets it again and says what it is
        }
    }

    /** A value that is not even of its kind is left to the reports that name its variable. */
    private static <T> T read(Binder binder, String property, Class<T> type) {
        try {
            return binder.bind(property, type).orElse(null);
        } catch (org.springframework.boot.context.properties.bind.BindException unreadable) {
            return null;
        }
    }
}
