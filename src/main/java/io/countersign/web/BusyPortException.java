package io.countersign.web;

import io.countersign.shared.settings.Setting;
import java.net.BindException;

/** A port the service was set to listen on that it cannot have, found before the database was touched. */
class BusyPortException extends RuntimeException {

    private final transient Setting setting;
    private final int port;

    BusyPortException(Setting setting, int port, BindException cause) {
        super(
                setting.variable() + " (" + setting.property() + ") is " + port
                        + ", but the service cannot listen there: " + cause.getMessage(),
                cause);
        this.setting = setting;
        this.port = port;
    }

    Setting setting() {
        return setting;
    }

    int port() {
        return port;
    }
}
