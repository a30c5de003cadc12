package io.countersign.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A TLS server on a free loopback port whose certificate ({@code mail/elsewhere.pem}) is issued for
 * {@code mail.elsewhere.example} only, so a client that trusts it and connects to 127.0.0.1 must
 * refuse it for its name. It greets in IMAP after the handshake and does nothing else.
 */
final class MisnamedTlsServer implements AutoCloseable {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final SSLServerSocket server;

    MisnamedTlsServer() throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = MisnamedTlsServer.class.getResourceAsStream("/mail/elsewhere.p12")) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        server = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "misnamed-tls-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String host() {
        return server.getInetAddress().getHostAddress();
    }

    int port() {
        return server.getLocalPort();
    }

    static String certificate() {
        try (InputStream in = MisnamedTlsServer.class.getResourceAsStream("/mail/elsewhere.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.getOutputStream().write("* OK ready\r\n".getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
            } catch (IOException refusedOrClosed) {
                // a client that refuses the certificate ends the handshake; the next one is served
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
