package io.countersign.mail.internal.inbound;

import io.countersign.mail.MailSecurity;
import io.countersign.mail.MailSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A server that hangs up on every connection before greeting it, as a broken mail server might. */
final class HangingUpServer implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    HangingUpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hanging-up-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    MailSettings.Imap endpoint() {
        return new MailSettings.Imap(
                server.getInetAddress().getHostAddress(),
                server.getLocalPort(),
                MailSecurity.NONE,
                "countersign",
                "secret",
                "INBOX",
                null);
    }

    /** How many connections it has hung up on. */
    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                connections.incrementAndGet();
            } catch (IOException closed) {
                // the server was closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
