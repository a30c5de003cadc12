package io.countersign.mail;

import io.countersign.testing.SilentServer;
import java.io.IOException;

/**
 * A mail server that accepts connections and never answers them, as one that hangs (see {@link
 * SilentServer}); once {@link #answering} a real server, it is that server coming back.
 */
public final class SilentMailServer implements AutoCloseable {

    private final SilentServer server;

    public SilentMailServer() throws IOException {
        server = new SilentServer();
    }

    public MailSettingsInput.Smtp smtp() {
        return new MailSettingsInput.Smtp(
                MailServers.HOST, server.port(), MailSecurity.NONE, null, null, "countersign@example.com", null);
    }

    /** How many connections were held without an answer. */
    public int unanswered() {
        return server.unanswered();
    }

    /** From now on, connections are passed through to the server on this loopback port. */
    public void answering(int port) {
        server.answering(port);
    }

    @Override
    public void close() {
        server.close();
    }
}
