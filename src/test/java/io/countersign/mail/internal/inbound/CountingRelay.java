package io.countersign.mail.internal.inbound;

import io.countersign.mail.MailSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes each TCP connection on to a mail server unchanged, TLS and all, and counts them: a client
 * logs in once on each, so the count is how many times it logged in.
 */
final class CountingRelay implements AutoCloseable {

    private final MailSettings.Imap server;
    private final ServerSocket relay;
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    CountingRelay(MailSettings.Imap server) throws IOException {
        this.server = server;
        // on the server's own address, so that its certificate names the relay too
        this.relay = new ServerSocket(0, 50, InetAddress.getByName(server.host()));
        Thread acceptor = new Thread(this::accept, "counting-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The server's settings with the relay in its place. */
    MailSettings.Imap endpoint() {
        return new MailSettings.Imap(
                server.host(),
                relay.getLocalPort(),
                server.security(),
                server.username(),
                server.password(),
                server.folder(),
                server.trustedCertificate());
    }

    /** How many connections clients have opened through the relay. */
    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!relay.isClosed()) {
            try {
                Socket client = relay.accept();
                connections.incrementAndGet();
                Socket upstream = new Socket(server.host(), server.port());
                open.add(client);
                open.add(upstream);
                pass(client, upstream);
                pass(upstream, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Copies one direction until either side ends, then ends both, as a dropped connection would. */
    private void pass(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException ended) {
                        // one side went away
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "counting-relay-pass");
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException alreadyClosed) {
            // nothing more to end
        }
    }

    @Override
    public void close() throws IOException {
        relay.close();
        open.forEach(this::closeQuietly);
    }
}
